using MeioForecast.Reporting.Model;

namespace MeioForecast.Reporting.Rendering;

/// <summary>The run-level figures of the report's summary, computed from the run's files.</summary>
internal sealed record ReportSummary(
    int Skus,
    int Locations,
    int SkuNodes,
    double SafetyStock,
    double HoldingCost,
    BaselineTotals? PreviousRun,
    BaselineTotals? SingleEchelon,
    ServiceTotals? Service)
{
    public const string SafetyStockMeasure = "safety_stock";
    public const string HoldingCostMeasure = "holding_cost";

    public static ReportSummary From(RunReportData data)
    {
        var targets = data.Targets;
        return new ReportSummary(
            targets.Select(t => t.Sku).Distinct(StringComparer.Ordinal).Count(),
            targets.Select(t => t.Location).Distinct(StringComparer.Ordinal).Count(),
            targets.Count,
            targets.Sum(t => t.SafetyStock),
            targets.Sum(t => t.HoldingCost),
            Baseline(data.Explanations, "previous_run"),
            Baseline(data.Explanations, "single_echelon"),
            ServiceOf(data));
    }

    /// <summary>Previous and current totals over the sku-nodes explained against <paramref name="baseline"/>.</summary>
    private static BaselineTotals? Baseline(IReadOnlyList<DriverContribution> rows, string baseline)
    {
        var nodes = new Dictionary<(string, string), (double Ss0, double Ss1, double Hc0, double Hc1)>();
        foreach (var r in rows.Where(r => r.Baseline == baseline))
        {
            nodes.TryGetValue((r.Sku, r.Location), out var v);
            v = r.Measure switch
            {
                SafetyStockMeasure => v with { Ss0 = r.Previous, Ss1 = r.Current },
                HoldingCostMeasure => v with { Hc0 = r.Previous, Hc1 = r.Current },
                _ => v,
            };
            nodes[(r.Sku, r.Location)] = v;
        }

        return nodes.Count == 0
            ? null
            : new BaselineTotals(nodes.Count, nodes.Values.Sum(v => v.Ss0), nodes.Values.Sum(v => v.Ss1), nodes.Values.Sum(v => v.Hc0), nodes.Values.Sum(v => v.Hc1));
    }

    /// <summary>
    /// Achieved vs target service over the customer-facing sku-nodes (those with a forecast) of targets.csv; below target
    /// means what the service check (log and metrics.json) means: simulated service below target minus its tolerance.
    /// </summary>
    private static ServiceTotals? ServiceOf(RunReportData data)
    {
        var customer = data.Forecasts.Select(f => (f.Sku, f.Location)).ToHashSet();
        var rows = data.Targets.Where(t => t.AchievedService is not null && customer.Contains((t.Sku, t.Location))).ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var tolerance = data.Service?.Tolerance ?? 0;
        return new ServiceTotals(
            rows.Count,
            rows.Average(t => t.AchievedService!.Value),
            rows.Average(t => t.ServiceLevel),
            data.Service?.Placement.NodesBelowTarget ?? rows.Count(t => t.AchievedService!.Value < t.ServiceLevel - tolerance),
            rows.Min(t => t.AchievedService!.Value - t.ServiceLevel),
            tolerance);
    }
}
