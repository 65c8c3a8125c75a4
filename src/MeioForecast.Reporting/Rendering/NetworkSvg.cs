using System.Globalization;
using System.Text;
using MeioForecast.Reporting.Model;

namespace MeioForecast.Reporting.Rendering;

/// <summary>
/// The network as an inline SVG graph layered by echelon (suppliers left, customer-facing locations right): each
/// location shows its safety stock summed over skus and the change against the explanation baseline; lanes are arrows.
/// </summary>
internal static class NetworkSvg
{
    private const double BoxWidth = 168, BoxHeight = 46, ColumnGap = 230, RowGap = 56, Margin = 12;

    public static void Write(StringBuilder html, RunReportData data, ChangeSet changes, ReportOptions options)
    {
        html.Append("<section id=\"network\" aria-labelledby=\"network-h\"><h2 id=\"network-h\">Network and buffers</h2>");
        var stock = data.Targets.GroupBy(t => t.Location, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(t => t.SafetyStock), StringComparer.Ordinal);
        var change = changes.Nodes.GroupBy(n => n.Location, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (Previous: g.Sum(n => n.Previous), Change: g.Sum(n => n.Change)), StringComparer.Ordinal);
        if (data.Nodes.Count == 0)
        {
            html.Append("<p class=\"note\">The run's input (locations.csv, lanes.csv) was not available when the report was made (<code>meio report --input DIR</code> adds it): buffers per location are listed without the graph.</p>");
            LocationTable(html, stock, change);
        }
        else if (data.Nodes.Count > options.MaxGraphLocations)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{Fmt.N0(data.Nodes.Count)} locations: more than the graph limit of {Fmt.N0(options.MaxGraphLocations)}; buffers per location are listed instead.</p>");
            LocationTable(html, stock, change);
        }
        else
        {
            Graph(html, data, stock, change);
        }

        html.Append("<p class=\"legend\"><span class=\"sw up\"></span> buffer rose <span class=\"sw down\"></span> buffer fell <span class=\"sw flat\"></span> unchanged or no stock planned. Safety stock in units, summed over skus; change against the explanation baseline (")
            .Append(Fmt.H(data.ExplainedAgainst)).Append("). Select a location to filter the table.</p></section>");
    }

    private static void Graph(StringBuilder html, RunReportData data, Dictionary<string, double> stock, Dictionary<string, (double Previous, double Change)> change)
    {
        var layers = data.Nodes.GroupBy(n => n.Echelon).OrderByDescending(g => g.Key).Select(g => g.OrderBy(n => n.Id, StringComparer.Ordinal).ToList()).ToList();
        var tallest = layers.Max(l => l.Count);
        var height = Margin * 2 + (tallest - 1) * RowGap + BoxHeight;
        var width = Margin * 2 + (layers.Count - 1) * ColumnGap + BoxWidth;
        var position = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        for (var c = 0; c < layers.Count; c++)
        {
            var offset = (tallest - layers[c].Count) * RowGap / 2;
            for (var r = 0; r < layers[c].Count; r++)
            {
                position[layers[c][r].Id] = (Margin + c * ColumnGap, Margin + offset + r * RowGap);
            }
        }

        var inv = CultureInfo.InvariantCulture;
        html.Append(inv, $"<div class=\"scroll\"><svg class=\"network\" role=\"img\" aria-labelledby=\"network-title\" viewBox=\"0 0 {width:0} {height:0}\" width=\"{width:0}\" height=\"{height:0}\"><title id=\"network-title\">Supply network layered by echelon with safety stock per location</title>");
        html.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#6b6b6b\"/></marker></defs><g class=\"edges\">");
        foreach (var e in data.Edges)
        {
            if (!position.TryGetValue(e.From, out var a) || !position.TryGetValue(e.To, out var b))
            {
                continue;
            }

            var (x1, y1, x2, y2) = (a.X + BoxWidth, a.Y + BoxHeight / 2, b.X, b.Y + BoxHeight / 2);
            var mid = (x1 + x2) / 2;
            html.Append(inv, $"<path d=\"M{x1:0.#},{y1:0.#}C{mid:0.#},{y1:0.#} {mid:0.#},{y2:0.#} {x2 - 2:0.#},{y2:0.#}\" marker-end=\"url(#arrow)\"><title>{Fmt.H(e.From)} \u2192 {Fmt.H(e.To)}</title></path>");
        }

        html.Append("</g><g class=\"nodes\">");
        foreach (var node in data.Nodes)
        {
            var (x, y) = position[node.Id];
            var ss = stock.GetValueOrDefault(node.Id);
            var (previous, delta) = change.GetValueOrDefault(node.Id);
            var cls = !stock.ContainsKey(node.Id) || Math.Round(delta, MidpointRounding.AwayFromZero) == 0 ? "flat" : delta > 0 ? "up" : "down";
            var line2 = stock.ContainsKey(node.Id) ? $"SS {Fmt.N0(ss)} units" : "no stock planned";
            var line3 = stock.ContainsKey(node.Id) ? $"\u0394 {Fmt.Signed(delta)} {Fmt.Change(previous, previous + delta)}".TrimEnd() : node.Type;
            html.Append(inv, $"<g class=\"loc {cls}\" data-location=\"{Fmt.H(node.Id)}\" data-safety-stock=\"{Fmt.Raw(ss)}\" data-change=\"{Fmt.Raw(delta)}\" tabindex=\"0\" role=\"button\" aria-label=\"{Fmt.H(node.Id)}: {Fmt.H(line2)}, change {Fmt.H(line3)}\" transform=\"translate({x:0.#},{y:0.#})\">");
            html.Append(inv, $"<title>{Fmt.H(node.Id)} ({Fmt.H(node.Type)}, echelon {node.Echelon})</title><rect width=\"{BoxWidth:0}\" height=\"{BoxHeight:0}\" rx=\"6\"/>");
            html.Append(inv, $"<text x=\"8\" y=\"15\" class=\"id\">{Fmt.H(node.Id)}</text><text x=\"8\" y=\"29\">{Fmt.H(line2)}</text><text x=\"8\" y=\"41\">{Fmt.H(line3)}</text></g>");
        }

        html.Append("</g></svg></div>");
    }

    private static void LocationTable(StringBuilder html, Dictionary<string, double> stock, Dictionary<string, (double Previous, double Change)> change)
    {
        html.Append("<table class=\"plain\"><thead><tr><th scope=\"col\">Location</th><th scope=\"col\" class=\"num\">Safety stock (units)</th><th scope=\"col\" class=\"num\">Change (units)</th></tr></thead><tbody>");
        foreach (var (location, ss) in stock.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var delta = change.GetValueOrDefault(location).Change;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Fmt.H(location)}</td><td class=\"num\">{Fmt.N0(ss)}</td><td class=\"num\">{Fmt.Signed(delta)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }
}
