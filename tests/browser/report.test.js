// Browser test of the run report (issue 12): headless Debian chromium driven by playwright-core, networking disabled.
// Plans the sample run (data-samples) and a second run with changed service levels, lead-time variability and holding
// cost (explained against the first), opens each run's report.html from a file:// URL, and checks what the page shows
// against figures computed here, independently, from the run's CSV/JSON files.
// Usage: node tests/browser/report.test.js [--screenshot DIR]   (after a Release build; run by tests/run-tests.sh)
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { chromium } = require('playwright-core');

const repo = path.resolve(__dirname, '..', '..');
const meio = process.env.MEIO_DLL || path.join(repo, 'src', 'MeioForecast.Worker', 'bin', 'Release', 'net10.0', 'meio.dll');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const shotArg = process.argv.indexOf('--screenshot');
// MEIO_REPORT_TEST_REUSE=<work dir of an earlier run> skips planning the two runs (for iterating on the page only).
const reuse = process.env.MEIO_REPORT_TEST_REUSE;
const work = reuse || fs.mkdtempSync(path.join(os.tmpdir(), 'meio-report-'));
const shots = shotArg > 0 ? path.resolve(process.argv[shotArg + 1]) : work;

// ---------- independent reading of the run files ----------
function parseCsv(text) {
  const rows = []; let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else { quoted = false; } } else { field += c; }
    } else if (c === '"') { quoted = true; } else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else if (c !== '\r') { field += c; }
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const header = rows.shift();
  return rows.map(r => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
const readCsv = (dir, name) => parseCsv(fs.readFileSync(path.join(dir, name), 'utf8'));
const sum = (xs, f) => xs.reduce((s, x) => s + f(x), 0);
const rnd = v => (v < 0 ? -Math.round(-v) : Math.round(v));
const n0 = v => rnd(v).toLocaleString('en-US');
const signed = v => { const r = rnd(v); return r > 0 ? '+' + n0(r) : r < 0 ? '\u2212' + n0(-r) : '0'; };

function expected(runDir) {
  const targets = readCsv(runDir, 'targets.csv');
  const forecasts = readCsv(runDir, 'forecasts.csv');
  const explanations = readCsv(runDir, 'explanations.csv').filter(r => r.measure === 'safety_stock');
  const metrics = JSON.parse(fs.readFileSync(path.join(runDir, 'metrics.json'), 'utf8')).service_check;
  const customer = new Set(forecasts.map(f => f.sku + '|' + f.location));
  const served = targets.filter(t => customer.has(t.sku + '|' + t.location) && t.achieved_service !== '');
  const nodes = new Map();
  for (const r of explanations) {
    const k = r.sku + '|' + r.location;
    if (!nodes.has(k)) { nodes.set(k, { sku: r.sku, location: r.location, baseline: r.baseline, previous: +r.previous, current: +r.current, drivers: {} }); }
    nodes.get(k).drivers[r.driver] = +r.contribution;
  }
  const byBaseline = b => [...nodes.values()].filter(n => n.baseline === b);
  const prevRun = byBaseline('previous_run');
  return {
    skuNodes: targets.length,
    skus: new Set(targets.map(t => t.sku)).size,
    locations: new Set(targets.map(t => t.location)).size,
    safetyStock: sum(targets, t => +t.safety_stock),
    holdingCost: sum(targets, t => +t.holding_cost),
    meanAchieved: sum(served, t => +t.achieved_service) / served.length,
    meanTarget: sum(served, t => +t.service_level) / served.length,
    customerNodes: served.length,
    seioSaving: metrics.safety_stock_saving,
    seio: metrics.single_echelon.safety_stock,
    belowTarget: metrics.placement.nodes_below_target,
    tolerance: metrics.simulation.tolerance,
    meio: metrics.placement.safety_stock,
    vsPrevious: prevRun.length ? sum(prevRun, n => n.current - n.previous) : null,
    nodes,
  };
}

// ---------- a tiny harness ----------
const results = [];
async function check(name, fn) {
  try { await fn(); results.push([true, name]); console.log('ok - ' + name); } catch (e) { results.push([false, name]); console.log('not ok - ' + name + '\n    ' + String(e && e.stack || e).split('\n').slice(0, 3).join('\n    ')); }
}
function assert(cond, msg) { if (!cond) { throw new Error(msg); } }
function close(a, b, tol, msg) { assert(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${msg}: ${a} vs ${b}`); }

function meioRun(args) {
  try { execFileSync('dotnet', [meio, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: repo, maxBuffer: 64 << 20 }); } catch (e) {
    console.log(`meio ${args.join(' ')} failed (exit ${e.status}):\n${e.stdout}\n${e.stderr}`);
    throw e;
  }
}

async function openReport(browser, file) {
  const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 }, javaScriptEnabled: true });
  const page = await context.newPage();
  const requests = [], errors = [];
  page.on('request', r => requests.push(r.url()));
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') { errors.push(m.text()); } });
  await context.route(u => !u.href.startsWith('file:'), route => route.abort());
  await page.goto(pathToFileURL(file).href);
  return { context, page, requests, errors };
}

const kpi = (page, id) => page.$eval(`[data-kpi="${id}"]`, e => ({ value: e.getAttribute('data-value'), figure: e.querySelector('.figure').textContent, note: e.querySelector('.note').textContent }));
const rowChanges = page => page.$$eval('#changes-table tbody tr', rows => rows.map(r => +r.getAttribute('data-change')));

async function openNode(page, node) {
  await page.fill('#filter', node.sku);
  await page.click(`#changes-table tbody tr[data-sku="${node.sku}"][data-location="${node.location}"]`);
  await page.waitForSelector('#detail:not([hidden]) rect[data-role="end"]');
}

async function checkWaterfall(page, node) {
  const w = await page.evaluate(() => ({
    bars: [...document.querySelectorAll('#detail-waterfall rect.bar')].map(r => ({ role: r.getAttribute('data-role'), from: +r.getAttribute('data-from'), to: +r.getAttribute('data-to'), value: +r.getAttribute('data-value'), y: +r.getAttribute('y'), h: +r.getAttribute('height') })),
    change: +document.getElementById('detail-change').getAttribute('data-change'),
    text: document.getElementById('detail-change').textContent,
    title: document.getElementById('detail-h').textContent,
  }));
  assert(w.title === `${node.sku} at ${node.location}`, 'detail title ' + w.title);
  assert(w.bars[0].role === 'start' && w.bars[w.bars.length - 1].role === 'end', 'waterfall starts with previous and ends with new');
  const drivers = w.bars.filter(b => b.role === 'driver');
  assert(drivers.length === 7, 'seven driver bars, got ' + drivers.length);
  // The bars add up to the change shown: sum of driver bars == shown change == new - previous, and each bar starts where the last ended.
  close(sum(drivers, b => b.value), w.change, 1e-6, 'driver bars sum to the change shown');
  close(w.bars[w.bars.length - 1].to - w.bars[0].to, w.change, 1e-6, 'new - previous equals the change shown');
  for (let i = 1; i < w.bars.length - 1; i++) { close(w.bars[i].from, w.bars[i - 1].to, 1e-9, 'bar ' + i + ' starts where the previous ended'); }
  close(w.bars[w.bars.length - 2].to, w.bars[w.bars.length - 1].to, 1e-6, 'last driver bar ends at the new value');
  // ... and equal the run's explanations.csv.
  close(w.bars[0].to, node.previous, 1e-9, 'previous bar = explanations.csv previous');
  close(w.bars[w.bars.length - 1].to, node.current, 1e-9, 'new bar = explanations.csv current');
  const codes = ['demand_level', 'demand_uncertainty', 'lead_time_mean', 'lead_time_variability', 'service_target', 'holding_cost', 'network'];
  codes.forEach((c, i) => close(drivers[i].value, node.drivers[c], 1e-6, 'driver ' + c));
  assert(w.text.startsWith('Change: ' + signed(node.current - node.previous) + ' units'), 'change text ' + w.text);
  // Geometry: bar heights are proportional to the values (same pixels per unit for every bar).
  const scaled = w.bars.filter(b => Math.abs(b.value) > 1e-6 && b.h > 2).map(b => b.h / Math.abs(b.value));
  scaled.forEach(s => close(s, scaled[0], 0.02, 'pixels per unit'));
}

(async () => {
  const out = path.join(work, 'out');
  const changed = path.join(work, 'changed');
  console.log('# planning the sample run and a changed second run in ' + work);
  if (!reuse) { meioRun(['run', '--input', path.join(repo, 'data-samples'), '--output', out, '--run-id', 'sample']); }
  if (!reuse) { fs.cpSync(path.join(repo, 'data-samples'), changed, { recursive: true }); }
  const edit = (name, fn) => { const f = path.join(changed, name); const lines = fs.readFileSync(f, 'utf8').split('\n'); fs.writeFileSync(f, lines.map((l, i) => i === 0 || !l ? l : fn(l.split(',')).join(',')).join('\n')); };
  if (!reuse) {
    edit('sku_nodes.csv', c => { if (c[1] === 'STORE-03') { c[4] = '0.99'; } if (c[0] === 'SKU-002') { c[3] = '0.3'; } return c; });
    edit('lanes.csv', c => { if (c[0] === 'DC-CENTRAL' && c[1] === 'STORE-01') { c[3] = '1.6'; } return c; });
    meioRun(['run', '--input', changed, '--output', out, '--run-id', 'changed']);
  }
  const sampleDir = path.join(out, 'runs', 'sample');
  const changedDir = path.join(out, 'runs', 'changed');
  const viaCommand = path.join(work, 'sample-report.html');
  meioRun(['report', '--run', sampleDir, '--input', path.join(repo, 'data-samples'), '--out', viaCommand]);
  const againstSample = path.join(work, 'changed-vs-sample.html');
  meioRun(['report', '--output', out, '--run', 'changed', '--previous', 'sample', '--input', changed, '--out', againstSample]);
  // A copy of the sample run with a TreeSHAP drill-down file added to it (and to its manifest), whatever the planning run
  // writes itself: the feature-contribution section is drawn from explanation_details.csv.
  const drill = path.join(work, 'drill', 'runs', 'sample');
  fs.rmSync(path.join(work, 'drill'), { recursive: true, force: true });
  fs.cpSync(sampleDir, drill, { recursive: true });
  const drillRows = [];
  readCsv(drill, 'explanations.csv').filter(r => r.measure === 'safety_stock' && r.driver === 'network').forEach((r, i) => {
    ['promotion', 'price', 'holiday', 'seasonality', 'lags'].forEach((d, k) => drillRows.push([r.sku, r.location, k < 3 ? 'demand_level' : 'demand_uncertainty', d, ((i % 7) - 3 + k * 1.25).toFixed(4), 'units']));
  });
  const drillCsv = 'sku,location,driver,detail,contribution,unit\n' + drillRows.map(r => r.join(',')).join('\n') + '\n';
  fs.writeFileSync(path.join(drill, 'explanation_details.csv'), drillCsv);
  const drillManifest = JSON.parse(fs.readFileSync(path.join(drill, 'manifest.json'), 'utf8'));
  drillManifest.files = drillManifest.files.filter(f => f.path !== 'explanation_details.csv')
    .concat([{ path: 'explanation_details.csv', size: Buffer.byteLength(drillCsv), sha256: require('node:crypto').createHash('sha256').update(drillCsv).digest('hex'), rows: drillRows.length }]);
  fs.writeFileSync(path.join(drill, 'manifest.json'), JSON.stringify(drillManifest, null, 2));
  const drillReport = path.join(work, 'drill-report.html');
  meioRun(['report', '--run', drill, '--input', path.join(repo, 'data-samples'), '--out', drillReport]);

  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const exp = expected(sampleDir);
    const manifest = JSON.parse(fs.readFileSync(path.join(sampleDir, 'manifest.json'), 'utf8'));
    await check('the run folder holds report.html, listed in the manifest', async () => {
      assert(manifest.files.some(f => f.path === 'report.html' && f.size === fs.statSync(path.join(sampleDir, 'report.html')).size), 'manifest lists report.html');
    });
    await check('meio report --run <folder> --input writes the same report as the run', async () => {
      assert(fs.readFileSync(viaCommand).equals(fs.readFileSync(path.join(sampleDir, 'report.html'))), 'reports differ');
    });

    await check('meio report --previous recomputes the explanations: against the run it was explained against, the same report', async () => {
      // Peer: the planning run's own explanations (against the latest run, "sample"). A run with a TreeSHAP drill-down
      // differs in that section only: --previous leaves the drill-down out.
      // The explanations (driver bars, sentences) are recomputed by re-placing and re-calibrating the coalitions.
      const own = fs.readFileSync(path.join(changedDir, 'report.html'), 'utf8'), recomputed = fs.readFileSync(againstSample, 'utf8');
      const payload = html => JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)[1]);
      const [a, b] = [payload(own), payload(recomputed)];
      assert(JSON.stringify(a.nodes) === JSON.stringify(b.nodes), 'changes table rows differ');
      if (readCsv(changedDir, 'explanation_details.csv').length === 0) { assert(own === recomputed, 'reports differ'); }
    });

    const { context, page, requests, errors } = await openReport(browser, path.join(sampleDir, 'report.html'));
    await check('opens offline from file:// without any network request or script error', async () => {
      assert(requests.every(u => u.startsWith('file:')), 'non-file requests: ' + requests.filter(u => !u.startsWith('file:')).join(', '));
      assert(errors.length === 0, 'errors: ' + errors.join('; '));
      const external = await page.evaluate(() => [...document.querySelectorAll('[src],[href]')].map(e => e.getAttribute('src') || e.getAttribute('href')).filter(u => !u.startsWith('#')));
      assert(external.length === 0, 'external references: ' + external.join(', '));
    });
    await check('summary figures equal targets.csv, explanations.csv and metrics.json', async () => {
      const nodes = await kpi(page, 'sku-nodes');
      assert(+nodes.value === exp.skuNodes && nodes.figure === n0(exp.skuNodes), 'sku-nodes ' + nodes.figure);
      assert(nodes.note === `${exp.skus} skus at ${exp.locations} locations`, 'skus/locations ' + nodes.note);
      const ss = await kpi(page, 'safety-stock');
      close(+ss.value, exp.safetyStock, 1e-9, 'total safety stock');
      assert(ss.figure === n0(exp.safetyStock) + ' units', 'safety stock shown ' + ss.figure);
      const hc = await kpi(page, 'holding-cost');
      close(+hc.value, exp.holdingCost, 1e-9, 'holding cost');
      assert(hc.figure === n0(exp.holdingCost) + ' per year', 'holding cost shown ' + hc.figure);
      const seio = await kpi(page, 'meio-vs-seio');
      close(+seio.value, exp.seioSaving, 1e-12, 'MEIO vs SEIO saving');
      assert(seio.figure === '\u2212' + (exp.seioSaving * 100).toFixed(1) + '% safety stock', 'saving shown ' + seio.figure);
      assert(seio.note.startsWith(`${n0(exp.meio)} vs ${n0(exp.seio)} units`), 'MEIO vs SEIO note ' + seio.note);
      const svc = await kpi(page, 'achieved-service');
      close(+svc.value, exp.meanAchieved, 1e-9, 'mean achieved service');
      assert(svc.figure === (exp.meanAchieved * 100).toFixed(2) + '% vs ' + (exp.meanTarget * 100).toFixed(2) + '%', 'service shown ' + svc.figure);
      assert(svc.note.includes(`over ${exp.customerNodes} customer-facing sku-nodes`), 'customer nodes ' + svc.note);
      const prev = await kpi(page, 'vs-previous');
      assert(prev.figure === 'first run', 'the sample run is a first run: ' + prev.figure);
      // One definition of below target (the service check's, metrics.json) and one single-echelon total on the page.
      assert(svc.note.includes(`${exp.belowTarget} below target by more than the service check's tolerance (${(exp.tolerance * 100).toFixed(2)} pp)`), 'below target ' + svc.note);
      const se = await kpi(page, 'vs-single-echelon');
      assert(se.note.startsWith(`${n0(exp.seio)} single-echelon \u2192 ${n0(exp.meio)} placed`), 'single-echelon total ' + se.note);
    });
    await check('the network graph shows every location with its summed safety stock', async () => {
      const locs = await page.$$eval('svg.network g.loc', gs => gs.map(g => [g.getAttribute('data-location'), +g.getAttribute('data-safety-stock')]));
      const targets = readCsv(sampleDir, 'targets.csv');
      const ids = readCsv(path.join(repo, 'data-samples'), 'locations.csv').map(l => l.location);
      assert(locs.length === ids.length, 'locations drawn ' + locs.length + ' of ' + ids.length);
      for (const [id, ss] of locs) { close(ss, sum(targets.filter(t => t.location === id), t => +t.safety_stock), 1e-9, 'safety stock at ' + id); }
    });
    await check('the table sorts by change (both directions) and by sku', async () => {
      const initial = await rowChanges(page);
      assert(initial.length === Math.min(100, exp.nodes.size), 'rows rendered ' + initial.length);
      for (let i = 1; i < initial.length; i++) { assert(Math.abs(initial[i]) <= Math.abs(initial[i - 1]) + 1e-9, 'initial order by |change|'); }
      const header = page.locator('#changes-table thead th', { hasText: /^Change$/ });
      await header.locator('button').click();
      assert(await header.getAttribute('aria-sort') === 'descending', 'aria-sort descending');
      let v = await rowChanges(page);
      for (let i = 1; i < v.length; i++) { assert(v[i] <= v[i - 1], 'descending at ' + i); }
      await header.locator('button').click();
      assert(await header.getAttribute('aria-sort') === 'ascending', 'aria-sort ascending');
      v = await rowChanges(page);
      for (let i = 1; i < v.length; i++) { assert(v[i] >= v[i - 1], 'ascending at ' + i); }
      await page.locator('#changes-table thead th', { hasText: /^Sku$/ }).locator('button').click();
      const skus = await page.$$eval('#changes-table tbody tr', rows => rows.map(r => r.getAttribute('data-sku')));
      for (let i = 1; i < skus.length; i++) { assert(skus[i].localeCompare(skus[i - 1]) <= 0, 'sku descending at ' + i); }
    });
    await check('the filter finds every sku-node of a location, also beyond the rendered rows', async () => {
      await page.fill('#filter', 'STORE-07');
      const locations = await page.$$eval('#changes-table tbody tr', rows => rows.map(r => r.getAttribute('data-location')));
      const want = [...exp.nodes.values()].filter(n => n.location.includes('STORE-07')).length;
      assert(locations.length === want && locations.every(l => l === 'STORE-07'), `rows ${locations.length} vs ${want}`);
      await page.fill('#filter', '');
      assert((await rowChanges(page)).length === Math.min(100, exp.nodes.size), 'clearing restores the top rows');
    });
    await check('keyboard: arrow keys move between rows and Enter opens the sku-node', async () => {
      await page.focus('#changes-table tbody tr:first-child');
      await page.keyboard.press('ArrowDown');
      const second = await page.evaluate(() => [document.activeElement.getAttribute('data-sku'), document.activeElement.getAttribute('data-location')]);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#detail:not([hidden])');
      assert(await page.textContent('#detail-h') === `${second[0]} at ${second[1]}`, 'opened ' + await page.textContent('#detail-h'));
    });
    // The sku-node with the largest change at a store (forecast fan chart with history shown).
    const storeNode = [...exp.nodes.values()].filter(n => n.location.startsWith('STORE')).sort((a, b) => Math.abs(b.current - b.previous) - Math.abs(a.current - a.previous))[0];
    await check(`waterfall of ${storeNode.sku} at ${storeNode.location}: bars add up to the change shown`, async () => {
      await openNode(page, storeNode);
      await checkWaterfall(page, storeNode);
      const sentence = readCsv(sampleDir, 'explanation_summary.csv').find(s => s.sku === storeNode.sku && s.location === storeNode.location).sentence;
      assert(await page.textContent('#detail-sentence') === sentence, 'planner sentence');
    });
    await check('fan chart: history from the input, quantile bands from forecasts.csv, events marked', async () => {
      const fan = await page.evaluate(() => ({ bands: document.querySelectorAll('#detail-fan polygon.band').length, hist: document.querySelector('#detail-fan polyline.hist').getAttribute('points').split(' ').length, median: document.querySelector('#detail-fan polyline.median').getAttribute('points').split(' ').length, events: document.querySelectorAll('#detail-fan line.promo, #detail-fan line.holiday').length }));
      const rows = readCsv(sampleDir, 'forecasts.csv').filter(f => f.sku === storeNode.sku && f.location === storeNode.location);
      assert(fan.bands === 3 && fan.median === rows.length && fan.hist === 84, JSON.stringify(fan));
      assert(fan.events > 0, 'promotions or holidays marked');
    });
    // A gbdt-served node among the top rows (the ones with embedded details): its TreeSHAP bars are its feature groups
    // in forecast_contributions.csv (a first run has no drill-down of a change), largest first.
    const ranked = [...exp.nodes.values()].sort((a, b) => Math.abs(b.current - b.previous) - Math.abs(a.current - a.previous) || a.sku.localeCompare(b.sku) || a.location.localeCompare(b.location)).slice(0, 100);
    const gbdtServed = new Set(readCsv(sampleDir, 'forecasts.csv').filter(f => f.method.includes('gbdt')).map(f => f.sku + '|' + f.location));
    const shapNode = ranked.find(n => gbdtServed.has(n.sku + '|' + n.location));
    await check(`TreeSHAP bars of a gbdt-served node (${shapNode && shapNode.sku} at ${shapNode && shapNode.location}) equal forecast_contributions.csv`, async () => {
      assert(shapNode, 'a gbdt-served node among the top rows');
      await openNode(page, shapNode);
      const bars = await page.$$eval('#detail-shap svg rect.bar', rs => rs.map(r => r.querySelector('title').textContent));
      const groups = readCsv(sampleDir, 'forecast_contributions.csv')
        .filter(r => r.sku === shapNode.sku && r.location === shapNode.location && r.group !== 'model base' && r.group !== 'other models' && +r.value !== 0);
      assert(groups.length > 0, 'forecast_contributions.csv has TreeSHAP groups for the node');
      const want = groups.map(r => [r.group, Math.round(+r.value * 1e4) / 1e4]).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 16);
      assert(bars.length === want.length, `bars ${bars.length} vs ${want.length}`);
      want.forEach((w, i) => assert(bars[i].startsWith(w[0]) && bars[i].endsWith(`: ${w[1]} units`), `bar ${i}: ${bars[i]} vs ${w[0]}: ${w[1]}`));
    });
    await page.screenshot({ path: path.join(shots, 'report-screenshot.png'), fullPage: true });
    await check('print layout: the detail starts on its own page and the toolbar is hidden', async () => {
      await page.emulateMedia({ media: 'print' });
      assert(await page.$eval('.toolbar', e => getComputedStyle(e).display) === 'none', 'toolbar hidden in print');
      assert(await page.$eval('#detail', e => getComputedStyle(e).breakBefore) === 'page', 'detail on a new page');
      await page.emulateMedia({ media: 'screen' });
    });
    await context.close();

    // Second run, explained against the sample run: several drivers move the buffers.
    const exp2 = expected(changedDir);
    const second = await openReport(browser, path.join(changedDir, 'report.html'));
    await check('second run: summary compares with the previous run', async () => {
      const prev = await kpi(second.page, 'vs-previous');
      close(+prev.value, exp2.vsPrevious, 1e-9, 'safety stock change vs previous run');
      assert(prev.figure === signed(exp2.vsPrevious) + ' units', 'shown ' + prev.figure);
      assert(second.errors.length === 0 && second.requests.every(u => u.startsWith('file:')), 'offline, no errors');
    });
    const multi = [...exp2.nodes.values()].filter(n => n.baseline === 'previous_run')
      .sort((a, b) => Object.values(b.drivers).filter(c => Math.abs(c) > 0.5).length - Object.values(a.drivers).filter(c => Math.abs(c) > 0.5).length || Math.abs(b.current - b.previous) - Math.abs(a.current - a.previous))[0];
    await check(`second run: waterfall of ${multi.sku} at ${multi.location} (${Object.values(multi.drivers).filter(c => Math.abs(c) > 0.5).length} drivers) adds up`, async () => {
      await openNode(second.page, multi);
      await checkWaterfall(second.page, multi);
    });
    await second.page.screenshot({ path: path.join(shots, 'report-screenshot-change.png'), fullPage: true });
    await second.context.close();

    const third = await openReport(browser, drillReport);
    await check('TreeSHAP: feature contributions of explanation_details.csv, largest first, with units', async () => {
      const node = [...exp.nodes.values()].sort((a, b) => Math.abs(b.current - b.previous) - Math.abs(a.current - a.previous))[0];
      await openNode(third.page, node);
      const bars = await third.page.$$eval('#detail-shap svg rect.bar', rs => rs.map(r => r.querySelector('title').textContent));
      const texts = await third.page.$$eval('#detail-shap svg text', ts => ts.map(t => t.textContent));
      const want = drillRows.filter(r => r[0] === node.sku && r[1] === node.location).sort((a, b) => Math.abs(+b[4]) - Math.abs(+a[4]) || a[3].localeCompare(b[3]));
      assert(bars.length === want.length, `bars ${bars.length} vs ${want.length}`);
      want.forEach((r, i) => assert(bars[i] === `${r[3]}: ${+r[4]} units`, `bar ${i}: ${bars[i]} vs ${r[3]}: ${+r[4]}`));
      assert(texts.includes((r => (r[2] === 'demand_level' ? 'Forecast level' : 'Forecast uncertainty') + ' \u00b7 ' + r[3])(want[0])), 'label of the largest: ' + texts.slice(0, 3).join(' | '));
      assert(third.errors.length === 0, 'errors: ' + third.errors.join('; '));
    });
    await third.context.close();
  } finally {
    await browser.close();
  }
  const passed = results.filter(r => r[0]).length, failed = results.length - passed;
  console.log(`Browser tests (tests/browser/report.test.js): Failed: ${failed}, Passed: ${passed}, Skipped: 0`);
  if (reuse) { /* keep the reused folder as it is */ } else if (shots === work) {
    for (const name of ['out', 'changed', 'drill', 'sample-report.html', 'changed-vs-sample.html', 'drill-report.html']) { fs.rmSync(path.join(work, name), { recursive: true, force: true }); }
    console.log('# screenshots in ' + work);
  } else { fs.rmSync(work, { recursive: true, force: true }); }
  process.exit(failed === 0 ? 0 : 1);
})().catch(e => { console.log('not ok - browser test crashed: ' + (e && e.stack || e)); console.log('Browser tests (tests/browser/report.test.js): Failed: 1, Passed: 0, Skipped: 0'); process.exit(1); });
