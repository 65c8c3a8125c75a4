using MeioForecast.Pipeline;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Output;

/// <summary>targets.csv (docs/output-format.md): one row per sku-node, columns stable, new ones only appended.</summary>
public static class TargetsCsv
{
    /// <summary>The file name.</summary>
    public const string FileName = "targets.csv";

    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "sku", "location", "service_level", "outbound_service_time", "inbound_service_time", "net_replenishment_time",
        "mean_demand_per_period", "safety_stock", "base_stock", "holding_cost", "achieved_service", "calibrated_service_level",
    ];

    /// <summary>Formats <paramref name="targets"/>.</summary>
    public static RunFile Write(IReadOnlyList<TargetRow> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var table = new CsvTableWriter(Columns);
        foreach (var t in targets)
        {
            table.AddRow(
                t.Sku,
                t.Location,
                CsvTableWriter.Number(t.ServiceLevel, 6),
                CsvTableWriter.Number(t.OutboundServiceTime),
                CsvTableWriter.Number(t.InboundServiceTime),
                CsvTableWriter.Number(t.NetReplenishmentTime),
                CsvTableWriter.Number(t.MeanDemandPerPeriod),
                CsvTableWriter.Number(t.SafetyStock),
                CsvTableWriter.Number(t.BaseStock),
                CsvTableWriter.Number(t.HoldingCost),
                t.AchievedService is { } achieved ? CsvTableWriter.Number(achieved) : string.Empty,
                t.CalibratedServiceLevel is { } calibrated ? CsvTableWriter.Number(calibrated, 6) : string.Empty);
        }

        return new RunFile(FileName, table.ToBytes(), table.Rows);
    }
}
