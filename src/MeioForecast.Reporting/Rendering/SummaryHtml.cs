using System.Globalization;
using System.Text;
using MeioForecast.Reporting.Model;

namespace MeioForecast.Reporting.Rendering;

/// <summary>The summary section: run facts and key figures as cards (each with a machine-readable data-value).</summary>
internal static class SummaryHtml
{
    public static void Write(StringBuilder html, RunReportData data, ReportSummary summary)
    {
        html.Append("<section id=\"summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Run summary</h2>");
        html.Append("<div class=\"cards\">");
        Card(html, "sku-nodes", summary.SkuNodes, "Sku-nodes", Fmt.N0(summary.SkuNodes), $"{Fmt.N0(summary.Skus)} skus at {Fmt.N0(summary.Locations)} locations");
        Card(html, "safety-stock", summary.SafetyStock, "Total safety stock", Fmt.N0(summary.SafetyStock) + " units", "sum of targets.csv");
        Card(html, "holding-cost", summary.HoldingCost, "Holding cost of safety stock", Fmt.N0(summary.HoldingCost) + " per year", "currency/year, sum of targets.csv");
        if (summary.PreviousRun is { } prev)
        {
            Card(html, "vs-previous", prev.SafetyStock - prev.PreviousSafetyStock, "Safety stock vs previous run", Fmt.Signed(prev.SafetyStock - prev.PreviousSafetyStock) + " units",
                $"{Fmt.N0(prev.PreviousSafetyStock)} \u2192 {Fmt.N0(prev.SafetyStock)} ({Fmt.Change(prev.PreviousSafetyStock, prev.SafetyStock)}) over {Fmt.N0(prev.SkuNodes)} sku-nodes in both runs; holding cost {Fmt.Signed(prev.HoldingCost - prev.PreviousHoldingCost)} /year");
        }
        else
        {
            Card(html, "vs-previous", double.NaN, "Safety stock vs previous run", "first run", "no previous run to compare with: changes are explained against single-echelon placement");
        }

        if (summary.SingleEchelon is { } se)
        {
            Card(html, "vs-single-echelon", se.SafetyStock - se.PreviousSafetyStock, "Network placement vs single-echelon", Fmt.Signed(se.SafetyStock - se.PreviousSafetyStock) + " units",
                $"{Fmt.N0(se.PreviousSafetyStock)} single-echelon \u2192 {Fmt.N0(se.SafetyStock)} placed ({Fmt.Change(se.PreviousSafetyStock, se.SafetyStock)}) over {Fmt.N0(se.SkuNodes)} sku-nodes explained against it; holding cost {Fmt.Signed(se.HoldingCost - se.PreviousHoldingCost)} /year");
        }

        if (data.Service is { SingleEchelon: { } seio } service)
        {
            var meio = service.Placement;
            Card(html, "meio-vs-seio", service.SafetyStockSaving ?? double.NaN, "MEIO vs SEIO at equal simulated service",
                Fmt.Percent(-(service.SafetyStockSaving ?? 0)) + " safety stock",
                $"{Fmt.N0(meio.SafetyStock)} vs {Fmt.N0(seio.SafetyStock)} units; holding cost {Fmt.N0(meio.HoldingCost)} vs {Fmt.N0(seio.HoldingCost)} /year ({Fmt.Percent(-(service.HoldingCostSaving ?? 0))}); customer service {Fmt.Percent(meio.CustomerService, 2)} vs {Fmt.Percent(seio.CustomerService, 2)} (metrics.json)");
        }

        if (summary.Service is { } s)
        {
            Card(html, "achieved-service", s.MeanAchieved, "Achieved vs target service", Fmt.Percent(s.MeanAchieved, 2) + " vs " + Fmt.Percent(s.MeanTarget, 2),
                $"mean simulated cycle service over {Fmt.N0(s.SkuNodes)} customer-facing sku-nodes; {Fmt.N0(s.BelowTarget)} below target by more than the service check's tolerance ({Fmt.Points(s.Tolerance).TrimStart('+')}), worst node {Fmt.Points(s.WorstGap)} against its target");
        }
        else
        {
            Card(html, "achieved-service", double.NaN, "Achieved vs target service", "not checked", "the run's service check was off (targets.csv has no achieved_service)");
        }

        html.Append("</div>");
        WriteFacts(html, data);
        html.Append("</section>");
    }

    private static void Card(StringBuilder html, string id, double value, string title, string figure, string note)
    {
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"card\" data-kpi=\"{id}\" data-value=\"{(double.IsNaN(value) ? "" : Fmt.Raw(value))}\"><h3>{Fmt.H(title)}</h3><p class=\"figure\">{Fmt.H(figure)}</p><p class=\"note\">{Fmt.H(note)}</p></div>");
    }

    private static void WriteFacts(StringBuilder html, RunReportData data)
    {
        html.Append("<details class=\"facts\" open><summary>Run facts and settings</summary><table class=\"kv\"><tbody>");
        Row(html, "run id", data.RunId);
        Row(html, "planned (UTC)", data.CreatedUtc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Row(html, "software version", data.SoftwareVersion);
        var methods = data.Forecasts.GroupBy(f => f.Method, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {Fmt.N0(g.Select(f => (f.Sku, f.Location)).Distinct().Count())}")
            .Order(StringComparer.Ordinal);
        Row(html, "forecast method (sku-nodes)", string.Join(", ", methods));
        foreach (var (key, value) in data.Settings.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Row(html, key.Replace('_', ' '), value);
        }

        html.Append("</tbody></table></details>");
    }

    private static void Row(StringBuilder html, string key, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{Fmt.H(key)}</th><td>{Fmt.H(value)}</td></tr>");
}
