using System.Globalization;
using System.Text;
using MeioForecast.Reporting.Model;
using MeioForecast.Reporting.Rendering;

namespace MeioForecast.Reporting;

/// <summary>
/// Renders the planner's report of one run as a single self-contained HTML document: inline CSS, inline SVG drawn by
/// this code (network graph) and by the embedded script (waterfall, forecast fan chart, feature contributions), compact
/// JSON for search, no external resources, readable offline and printable. Pure: the caller reads the files.
/// </summary>
public static class RunReportRenderer
{
    /// <summary>Renders <paramref name="data"/>; <paramref name="options"/> sets the size limits (defaults when null).</summary>
    public static string Render(RunReportData data, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options = (options ?? new ReportOptions()).Validate();
        var summary = ReportSummary.From(data);
        var changes = new ChangeSet(data);
        var html = new StringBuilder(256 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">");
        html.Append("<meta name=\"generator\" content=\"MeioForecast ").Append(Fmt.H(data.SoftwareVersion)).Append("\">");
        html.Append("<title>MeioForecast run ").Append(Fmt.H(data.RunId)).Append("</title><style>").Append(Asset("report.css")).Append("</style></head><body>");
        html.Append("<header><h1>Stock targets: run <span class=\"run-id\">").Append(Fmt.H(data.RunId)).Append("</span></h1><p>Planned ")
            .Append(data.CreatedUtc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        if (data.Settings.TryGetValue("forecast_origin", out var origin))
        {
            html.Append(", forecast origin ").Append(Fmt.H(origin));
        }

        html.Append(", placement ").Append(Fmt.H(data.Settings.GetValueOrDefault("placement", "?"))).Append(". Changes explained against ").Append(Fmt.H(data.ExplainedAgainst)).Append(".</p>");
        html.Append("<nav aria-label=\"Sections\"><a href=\"#summary\">Summary</a> <a href=\"#network\">Network</a> <a href=\"#changes\">Changes</a> <a href=\"#detail\">Selected sku-node</a></nav></header><main>");
        SummaryHtml.Write(html, data, summary);
        NetworkSvg.Write(html, data, changes, options);
        ChangesTableHtml.Write(html, changes, options.TopChanges, Math.Min(options.MaxSearchable, changes.Nodes.Count), data.FeatureContributions is not null || data.ForecastComposition is not null);
        html.Append("</main><footer><p>MeioForecast ").Append(Fmt.H(data.SoftwareVersion))
            .Append(". Units: safety and base stock in units, holding cost in currency per year, service as the fraction of periods without stockout. Colours: Okabe\u2013Ito palette.</p></footer>");
        html.Append("<script type=\"application/json\" id=\"report-data\">").Append(ReportPayload.Build(data, changes, options)).Append("</script>");
        html.Append("<script>").Append(Asset("report.js")).Append("</script></body></html>\n");
        return html.ToString();
    }

    private static string Asset(string name)
    {
        using var stream = typeof(RunReportRenderer).Assembly.GetManifestResourceStream("MeioForecast.Reporting." + name)
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
