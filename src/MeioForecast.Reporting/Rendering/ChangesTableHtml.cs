using System.Globalization;
using System.Text;

namespace MeioForecast.Reporting.Rendering;

/// <summary>The sortable, filterable table of the largest safety-stock changes with each driver's contribution, and the
/// (initially hidden) detail panel the script fills for the selected sku-node.</summary>
internal static class ChangesTableHtml
{
    public static void Write(StringBuilder html, ChangeSet changes, int top, int searchable, bool hasFeatureContributions)
    {
        var inv = CultureInfo.InvariantCulture;
        var shown = Math.Min(top, changes.Nodes.Count);
        html.Append("<section id=\"changes\" aria-labelledby=\"changes-h\"><h2 id=\"changes-h\">Largest safety-stock changes</h2>");
        html.Append(inv, $"<p class=\"note\">The {Fmt.N0(shown)} largest of {Fmt.N0(changes.Nodes.Count)} sku-node changes (units, against each node's baseline), with every driver's exact Shapley contribution; they add up to the change. ");
        html.Append(inv, $"The filter searches {(searchable < changes.Nodes.Count ? $"the {Fmt.N0(searchable)} largest (size limit of the report)" : "all of them")}. ");
        html.Append("Sort with the column buttons; select a row (click, or arrow keys and Enter) to open its waterfall, forecast and feature contributions.</p>");
        html.Append("<div class=\"toolbar\"><label for=\"filter\">Filter by sku or location</label> <input id=\"filter\" type=\"search\" autocomplete=\"off\" placeholder=\"e.g. SKU-006 or DC-EAST\"> <span id=\"filter-status\" role=\"status\" aria-live=\"polite\"></span></div>");
        html.Append("<div class=\"table-scroll\"><table id=\"changes-table\"><caption class=\"sr\">Safety-stock changes by sku-node</caption><thead><tr>");
        Header(html, "#", "num", "Rank by absolute change");
        Header(html, "Sku", "text", null);
        Header(html, "Location", "text", null);
        Header(html, "Previous", "num", "Baseline safety stock, units");
        Header(html, "New", "num", "Safety stock of this run, units");
        Header(html, "Change", "num", "New minus previous, units");
        Header(html, "%", "num", "Relative change");
        foreach (var d in changes.Drivers)
        {
            Header(html, ChangeSet.Label(d), "num", "Contribution, units");
        }

        html.Append("</tr></thead><tbody>");
        for (var i = 0; i < shown; i++)
        {
            Row(html, changes.Nodes[i], i);
        }

        html.Append("</tbody></table></div></section>");
        html.Append("<section id=\"detail\" aria-labelledby=\"detail-h\" hidden><h2 id=\"detail-h\" tabindex=\"-1\"></h2><p id=\"detail-sentence\" class=\"sentence\"></p>");
        html.Append("<h3>Waterfall: previous \u2192 each driver \u2192 new (units)</h3><div id=\"detail-waterfall\"></div>");
        html.Append("<h3>Forecast behind the demand drivers</h3><div id=\"detail-fan\"></div>");
        html.Append("<h3>TreeSHAP feature contributions</h3><div id=\"detail-shap\">");
        if (!hasFeatureContributions)
        {
            html.Append("<p class=\"note\">This run has neither explanation_details.csv nor forecast_contributions.csv: feature contributions are not available for it.</p>");
        }

        html.Append("</div></section>");
    }

    private static void Header(StringBuilder html, string label, string type, string? title) =>
        html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\" aria-sort=\"none\" data-type=\"{type}\"{(title is null ? "" : $" title=\"{Fmt.H(title)}\"")}><button type=\"button\">{Fmt.H(label)}</button></th>");

    private static void Row(StringBuilder html, NodeChange n, int index)
    {
        var inv = CultureInfo.InvariantCulture;
        html.Append(inv, $"<tr tabindex=\"0\" data-index=\"{index}\" data-sku=\"{Fmt.H(n.Sku)}\" data-location=\"{Fmt.H(n.Location)}\" data-change=\"{Fmt.Raw(n.Change)}\">");
        html.Append(inv, $"<td class=\"num\" data-sort=\"{index + 1}\">{index + 1}</td><td>{Fmt.H(n.Sku)}</td><td>{Fmt.H(n.Location)}</td>");
        Num(html, n.Previous, Fmt.N0(n.Previous), null);
        Num(html, n.Current, Fmt.N0(n.Current), null);
        Num(html, n.Change, Fmt.Signed(n.Change), Sign(n.Change));
        var pct = n.Previous == 0 ? double.NaN : n.Current / n.Previous - 1;
        html.Append(inv, $"<td class=\"num\" data-sort=\"{(double.IsNaN(pct) ? "" : Fmt.Raw(pct))}\">{Fmt.Change(n.Previous, n.Current)}</td>");
        foreach (var c in n.Contributions)
        {
            Num(html, c, Fmt.Signed(c), Sign(c));
        }

        html.Append("</tr>");
    }

    private static string? Sign(double value) => Math.Round(value, MidpointRounding.AwayFromZero) switch { > 0 => "up", < 0 => "down", _ => null };

    private static void Num(StringBuilder html, double value, string text, string? cls) =>
        html.Append(CultureInfo.InvariantCulture, $"<td class=\"num{(cls is null ? "" : " " + cls)}\" data-sort=\"{Fmt.Raw(value)}\">{text}</td>");
}
