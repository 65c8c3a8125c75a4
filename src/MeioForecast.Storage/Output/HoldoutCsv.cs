using MeioForecast.Pipeline.Holdout;
using MeioForecast.Storage.Csv;

namespace MeioForecast.Storage.Output;

/// <summary>holdout.csv (docs/holdout.md): the held-out check of <c>meio holdout</c>, one row per replayed sku-node.</summary>
public static class HoldoutCsv
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "sku", "location", "service_level", "calibrated_service_level", "simulated_service", "achieved_service",
        "achieved_service_se", "fill_rate", "base_stock", "actual_mean_demand", "planned_mean_demand",
        "holding_cost", "single_echelon_holding_cost",
    ];

    /// <summary>
    /// Formats <paramref name="report"/> as CSV bytes (UTF-8, no BOM); <c>single_echelon_holding_cost</c> is the same
    /// node's in <paramref name="singleEchelon"/> (empty without it).
    /// </summary>
    public static byte[] Write(HoldoutReport report, HoldoutReport? singleEchelon = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var single = singleEchelon?.Nodes.ToDictionary(n => (n.Sku, n.Location), n => n.HoldingCost);
        var table = new CsvTableWriter(Columns);
        foreach (var n in report.Nodes)
        {
            table.AddRow(
                n.Sku,
                n.Location,
                CsvTableWriter.Number(n.TargetServiceLevel, 6),
                n.CalibratedServiceLevel is { } c ? CsvTableWriter.Number(c, 6) : string.Empty,
                n.SimulatedService is { } s ? CsvTableWriter.Number(s) : string.Empty,
                CsvTableWriter.Number(n.AchievedService),
                CsvTableWriter.Number(n.StandardError),
                CsvTableWriter.Number(n.FillRate),
                CsvTableWriter.Number(n.BaseStock),
                CsvTableWriter.Number(n.ActualMeanDemand),
                CsvTableWriter.Number(n.PlannedMeanDemand),
                CsvTableWriter.Number(n.HoldingCost),
                single is not null && single.TryGetValue((n.Sku, n.Location), out var e) ? CsvTableWriter.Number(e) : string.Empty);
        }

        return table.ToBytes();
    }
}
