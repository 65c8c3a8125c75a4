// MeioForecast run report: sorting, filtering, keyboard navigation and the detail charts (inline SVG, no libraries).
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var SVG = 'http://www.w3.org/2000/svg';
  var MINUS = '\u2212';
  var table = document.getElementById('changes-table');
  var tbody = table.tBodies[0];
  var staticRows = Array.prototype.slice.call(tbody.rows);
  var filter = document.getElementById('filter');
  var status = document.getElementById('filter-status');

  function rnd(v) { return v < 0 ? -Math.round(-v) : Math.round(v); } // half away from zero, as the C# side
  function n0(v) { return rnd(v).toLocaleString('en-US'); }
  function signed(v) { var r = rnd(v); return r > 0 ? '+' + n0(r) : r < 0 ? MINUS + n0(-r) : '0'; }
  function pct(prev, cur) {
    if (prev === 0) { return ''; }
    var p = Math.round((cur / prev - 1) * 1000) / 10;
    return (p > 0 ? '+' : p < 0 ? MINUS : '') + Math.abs(p).toFixed(1) + '%';
  }
  function el(name, attrs, text) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { e.setAttribute(k, attrs[k]); } }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function html(name, attrs, text) {
    var e = document.createElement(name);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { e.setAttribute(k, attrs[k]); } }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function change(node) { return node[4] - node[3]; }
  function niceTicks(lo, hi, count) {
    if (hi <= lo) { hi = lo + 1; }
    var raw = (hi - lo) / count, mag = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / mag;
    var step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag, ticks = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) { ticks.push(t); }
    return ticks;
  }
  function sign(v) { return rnd(v) > 0 ? 'up' : rnd(v) < 0 ? 'down' : ''; }

  // ---- table rows built from the JSON (filter results beyond the rendered top rows) ----
  function buildRow(i) {
    var node = data.nodes[i], tr = html('tr', { tabindex: '0', 'data-index': String(i), 'data-sku': node[0], 'data-location': node[1], 'data-change': String(change(node)) });
    function td(text, sort, cls) { var c = html('td', { 'class': 'num' + (cls ? ' ' + cls : ''), 'data-sort': String(sort) }, text); tr.appendChild(c); }
    td(String(i + 1), i + 1);
    tr.appendChild(html('td', {}, node[0]));
    tr.appendChild(html('td', {}, node[1]));
    td(n0(node[3]), node[3]); td(n0(node[4]), node[4]); td(signed(change(node)), change(node), sign(change(node)));
    td(pct(node[3], node[4]), node[3] === 0 ? '' : node[4] / node[3] - 1);
    node[5].forEach(function (c) { td(signed(c), c, sign(c)); });
    return tr;
  }
  function showRows(rows) {
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    rows.forEach(function (r) { tbody.appendChild(r); });
    resetSort();
  }
  function applyFilter() {
    var q = filter.value.trim().toLowerCase();
    if (!q) { showRows(staticRows); status.textContent = ''; return; }
    var hits = [];
    for (var i = 0; i < data.nodes.length; i++) {
      var nd = data.nodes[i];
      if (nd[0].toLowerCase().indexOf(q) >= 0 || nd[1].toLowerCase().indexOf(q) >= 0 || (nd[0] + ' ' + nd[1]).toLowerCase().indexOf(q) >= 0) { hits.push(i); }
    }
    var shown = hits.slice(0, 500);
    showRows(shown.map(function (i) { return i < staticRows.length ? staticRows[i] : buildRow(i); }));
    status.textContent = hits.length + ' matching sku-node' + (hits.length === 1 ? '' : 's') + (hits.length > shown.length ? ', first ' + shown.length + ' shown' : '');
  }
  filter.addEventListener('input', applyFilter);

  // ---- sorting ----
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function resetSort() { headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); }); }
  headers.forEach(function (th, col) {
    th.querySelector('button').addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'descending' ? 'ascending' : 'descending';
      resetSort();
      th.setAttribute('aria-sort', dir);
      var numeric = th.getAttribute('data-type') === 'num', factor = dir === 'ascending' ? 1 : -1;
      var rows = Array.prototype.slice.call(tbody.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col], y = b.cells[col];
        if (numeric) {
          var p = x.getAttribute('data-sort'), q = y.getAttribute('data-sort');
          if (p === '' || q === '') { return p === q ? 0 : p === '' ? 1 : -1; }
          return factor * (parseFloat(p) - parseFloat(q)) || (+a.getAttribute('data-index') - +b.getAttribute('data-index'));
        }
        return factor * x.textContent.localeCompare(y.textContent) || (+a.getAttribute('data-index') - +b.getAttribute('data-index'));
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    });
  });

  // ---- keyboard and selection ----
  tbody.addEventListener('click', function (e) { var tr = e.target.closest('tr'); if (tr) { open(+tr.getAttribute('data-index'), tr); } });
  tbody.addEventListener('keydown', function (e) {
    var tr = e.target.closest('tr'); if (!tr) { return; }
    var next = null;
    if (e.key === 'ArrowDown') { next = tr.nextElementSibling; } else if (e.key === 'ArrowUp') { next = tr.previousElementSibling; }
    else if (e.key === 'Home') { next = tbody.rows[0]; } else if (e.key === 'End') { next = tbody.rows[tbody.rows.length - 1]; }
    else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(+tr.getAttribute('data-index'), tr); return; }
    if (next) { e.preventDefault(); next.focus(); }
  });
  Array.prototype.forEach.call(document.querySelectorAll('svg.network .loc'), function (g) {
    function pick() { filter.value = g.getAttribute('data-location'); applyFilter(); document.getElementById('changes').scrollIntoView(); }
    g.addEventListener('click', pick);
    g.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
  });

  // ---- detail: waterfall, fan chart, feature contributions ----
  function open(i, tr) {
    var node = data.nodes[i]; if (!node) { return; }
    Array.prototype.forEach.call(tbody.rows, function (r) { r.removeAttribute('aria-selected'); });
    if (tr) { tr.setAttribute('aria-selected', 'true'); }
    var section = document.getElementById('detail');
    section.hidden = false;
    section.setAttribute('data-index', String(i));
    var h = document.getElementById('detail-h');
    h.textContent = node[0] + ' at ' + node[1];
    document.getElementById('detail-sentence').textContent = node[6];
    waterfall(node);
    var d = data.detail[String(i)];
    fan(node, d);
    shap(d);
    h.focus();
  }

  function waterfall(node) {
    var box = document.getElementById('detail-waterfall');
    box.textContent = '';
    var steps = [{ label: node[2] === 'previous_run' ? 'Previous run' : 'Single-echelon', from: 0, to: node[3], role: 'start' }];
    var run = node[3];
    node[5].forEach(function (c, k) { steps.push({ label: data.labels[k], from: run, to: run + c, role: 'driver', value: c }); run += c; });
    steps.push({ label: 'New', from: 0, to: node[4], role: 'end' });
    var all = [0]; steps.forEach(function (s) { all.push(s.from, s.to); });
    var lo = Math.min.apply(null, all), hi = Math.max.apply(null, all);
    var ticks = niceTicks(lo, hi, 5); lo = Math.min(lo, ticks[0]); hi = Math.max(hi, ticks[ticks.length - 1]);
    var W = 100 + steps.length * 96, H = 300, top = 24, bottom = 250, left = 70, bw = 60;
    function y(v) { return bottom - (v - lo) / ((hi - lo) || 1) * (bottom - top); }
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img', 'class': 'waterfall', 'aria-label': 'Waterfall of the safety-stock change of ' + node[0] + ' at ' + node[1] });
    ticks.forEach(function (t) {
      svg.appendChild(el('line', { x1: left, x2: W - 10, y1: y(t), y2: y(t), 'class': 'grid' }));
      svg.appendChild(el('text', { x: left - 6, y: y(t) + 4, 'text-anchor': 'end' }, n0(t)));
    });
    svg.appendChild(el('text', { x: 4, y: 14 }, 'units'));
    steps.forEach(function (s, k) {
      var x = left + 16 + k * 96, y0 = y(Math.max(s.from, s.to)), y1 = y(Math.min(s.from, s.to));
      var cls = s.role === 'driver' ? (s.to >= s.from ? 'up' : 'down') : 'total';
      var r = el('rect', { x: x, y: y0, width: bw, height: Math.max(y1 - y0, 0.75), 'class': 'bar ' + cls, 'data-role': s.role, 'data-from': String(s.from), 'data-to': String(s.to), 'data-value': String(s.to - s.from) });
      r.appendChild(el('title', {}, s.label + ': ' + (s.role === 'driver' ? signed(s.to - s.from) : n0(s.to)) + ' units'));
      svg.appendChild(r);
      svg.appendChild(el('text', { x: x + bw / 2, y: y0 - 5, 'text-anchor': 'middle', 'class': 'value' }, s.role === 'driver' ? signed(s.to - s.from) : n0(s.to)));
      s.label.split(' ').reduce(function (lines, w) { var l = lines[lines.length - 1]; if (l && (l + ' ' + w).length <= 12) { lines[lines.length - 1] = l + ' ' + w; } else { lines.push(w); } return lines; }, [])
        .forEach(function (line, j) { svg.appendChild(el('text', { x: x + bw / 2, y: bottom + 16 + j * 13, 'text-anchor': 'middle' }, line)); });
      if (k < steps.length - 1) { svg.appendChild(el('line', { x1: x + bw, x2: x + 96, y1: y(s.to), y2: y(s.to), 'class': 'connector' })); }
    });
    svg.appendChild(el('line', { x1: left, x2: W - 10, y1: y(0), y2: y(0), stroke: '#333' }));
    var delta = node[4] - node[3];
    var p = html('p', { id: 'detail-change', 'data-change': String(delta), 'data-previous': String(node[3]), 'data-current': String(node[4]) },
      'Change: ' + signed(delta) + ' units (' + n0(node[3]) + ' \u2192 ' + n0(node[4]) + (node[3] ? ', ' + pct(node[3], node[4]) : '') + '), against ' + (node[2] === 'previous_run' ? 'the previous run' : 'single-echelon placement of the same node') + '. The driver bars add up to it (exact Shapley values).');
    box.appendChild(p);
    var wrap = html('div', { 'class': 'scroll' }); wrap.appendChild(svg); box.appendChild(wrap);
  }

  function days(s) { return Date.parse(s + 'T00:00:00Z') / 864e5; }
  function iso(d) { return new Date(d * 864e5).toISOString().slice(0, 10); }

  function fan(node, d) {
    var box = document.getElementById('detail-fan');
    box.textContent = '';
    if (!d || !d.q) {
      box.appendChild(html('p', { 'class': 'note' }, d ? 'No forecast at this sku-node: it has no own customer demand; its demand is what its downstream locations order.' : 'Forecast data is embedded for the top ' + data.top + ' rows only (size limit); run meio explain for this sku-node.'));
      return;
    }
    var L = data.levels.length, f0 = days(d.f0), xs = [], pts = [];
    var hist = (d.h || []).map(function (v, t) { return [days(d.h0) + t * d.hs, v]; });
    var fc = d.q.map(function (q, t) { return [f0 + t * d.fs, q]; });
    var xmin = hist.length ? hist[0][0] : f0, xmax = fc[fc.length - 1][0];
    var ymax = 0; hist.forEach(function (p) { ymax = Math.max(ymax, p[1]); }); fc.forEach(function (p) { ymax = Math.max(ymax, p[1][L - 1]); });
    var ticks = niceTicks(0, ymax, 5); ymax = Math.max(ymax, ticks[ticks.length - 1]);
    var W = 900, H = 300, left = 56, right = W - 14, top = 14, bottom = 256;
    function x(v) { return left + (v - xmin) / ((xmax - xmin) || 1) * (right - left); }
    function y(v) { return bottom - v / (ymax || 1) * (bottom - top); }
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img', 'class': 'fan', 'aria-label': 'Demand history and forecast quantile bands of ' + node[0] + ' at ' + node[1] });
    ticks.forEach(function (t) { svg.appendChild(el('line', { x1: left, x2: right, y1: y(t), y2: y(t), 'class': 'grid' })); svg.appendChild(el('text', { x: left - 6, y: y(t) + 4, 'text-anchor': 'end' }, n0(t))); });
    svg.appendChild(el('text', { x: 4, y: 12 }, 'units/period'));
    var span = xmax - xmin, step = Math.max(1, Math.ceil(span / 7 / 7) * 7);
    for (var t = xmin; t <= xmax; t += step) { svg.appendChild(el('text', { x: x(t), y: bottom + 16, 'text-anchor': 'middle' }, iso(t))); }
    (d.ev || []).forEach(function (e) {
      var cls = /holiday/i.test(e[1]) ? 'holiday' : 'promo', xe = x(days(e[0]));
      var ln = el('line', { x1: xe, x2: xe, y1: top, y2: bottom, 'class': cls, opacity: 0.55 }); ln.appendChild(el('title', {}, e[0] + ' ' + e[1] + ' ' + e[2])); svg.appendChild(ln);
    });
    for (var i = 0; i < Math.floor(L / 2); i++) {
      var upper = fc.map(function (p) { return x(p[0]).toFixed(1) + ',' + y(p[1][L - 1 - i]).toFixed(1); });
      var lower = fc.map(function (p) { return x(p[0]).toFixed(1) + ',' + y(p[1][i]).toFixed(1); }).reverse();
      var band = el('polygon', { points: upper.concat(lower).join(' '), 'class': 'band', opacity: (0.18 + 0.16 * i).toFixed(2), 'data-levels': data.levels[i] + '-' + data.levels[L - 1 - i] });
      band.appendChild(el('title', {}, 'q' + data.levels[i] + ' to q' + data.levels[L - 1 - i])); svg.appendChild(band);
    }
    var mid = data.levels.indexOf(0.5); if (mid < 0) { mid = Math.floor(L / 2); }
    svg.appendChild(el('polyline', { points: fc.map(function (p) { return x(p[0]).toFixed(1) + ',' + y(p[1][mid]).toFixed(1); }).join(' '), 'class': 'median' }));
    if (hist.length) { svg.appendChild(el('polyline', { points: hist.map(function (p) { return x(p[0]).toFixed(1) + ',' + y(p[1]).toFixed(1); }).join(' '), 'class': 'hist' })); }
    svg.appendChild(el('line', { x1: x(f0 - d.fs / 2), x2: x(f0 - d.fs / 2), y1: top, y2: bottom, 'class': 'origin' }));
    svg.appendChild(el('line', { x1: left, x2: right, y1: bottom, y2: bottom, stroke: '#333' }));
    var wrap = html('div', { 'class': 'scroll' }); wrap.appendChild(svg); box.appendChild(wrap);
    var promos = (d.ev || []).filter(function (e) { return !/holiday/i.test(e[1]); }).length, hols = (d.ev || []).length - promos;
    box.appendChild(html('p', { 'class': 'legend' }, 'Black: demand history (input). Blue line: median forecast; bands: ' + data.levels[0] + '\u2013' + data.levels[L - 1] +
      ' quantiles, darker inside (forecasts.csv, method ' + d.m + '). Orange: promotions (' + promos + '), purple dashed: holidays (' + hols + '); dotted: forecast origin.' + (hist.length ? '' : ' History not available (run the report with the input).')));
  }

  function shap(d) {
    var box = document.getElementById('detail-shap');
    if (!data.shap) { return; }
    box.textContent = '';
    var rows = d && d.x;
    if (!rows || !rows.length) { box.appendChild(html('p', { 'class': 'note' }, d ? 'No feature contributions for this sku-node: its forecast has no GBDT or signal terms (baseline, SSA without signals or fallback series; forecast_contributions.csv).' : 'Feature contributions are embedded for the top ' + data.top + ' rows only.')); return; }
    rows = rows.slice(0, 16);
    var m = 0; rows.forEach(function (r) { m = Math.max(m, Math.abs(r[2])); });
    var W = 760, rowH = 20, left = 300, mid = left + (W - left - 80) / 2, half = (W - left - 80) / 2, H = rows.length * rowH + 10;
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img', 'class': 'shap', 'aria-label': 'Feature contributions' });
    rows.forEach(function (r, k) {
      var yy = 4 + k * rowH, w = Math.abs(r[2]) / (m || 1) * half;
      svg.appendChild(el('text', { x: left - 8, y: yy + 13, 'text-anchor': 'end' }, (data.labels[data.drivers.indexOf(r[0])] || r[0]) + ' \u00b7 ' + r[1]));
      var rect = el('rect', { x: r[2] >= 0 ? mid : mid - w, y: yy + 2, width: Math.max(w, 0.75), height: rowH - 6, 'class': 'bar ' + (r[2] >= 0 ? 'up' : 'down') });
      rect.appendChild(el('title', {}, r[1] + ': ' + r[2] + ' ' + r[3])); svg.appendChild(rect);
      svg.appendChild(el('text', { x: r[2] >= 0 ? mid + w + 4 : mid - w - 4, y: yy + 13, 'text-anchor': r[2] >= 0 ? 'start' : 'end' }, (r[2] >= 0 ? '+' : MINUS) + Math.abs(r[2]).toLocaleString('en-US', { maximumFractionDigits: 1 }) + ' ' + r[3]));
    });
    svg.appendChild(el('line', { x1: mid, x2: mid, y1: 0, y2: H, stroke: '#333' }));
    var wrap = html('div', { 'class': 'scroll' }); wrap.appendChild(svg); box.appendChild(wrap);
    box.appendChild(html('p', { 'class': 'legend' }, 'Forecast features, largest first: their share of a demand driver\u2019s change (explanation_details.csv) or, when the node\u2019s demand drivers did not move, what its lead-time demand forecast is made of (TreeSHAP of the GBDT and SSA signal terms, forecast_contributions.csv).'));
  }
}());
