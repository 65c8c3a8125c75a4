using System.Text.Json;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Output;

/// <summary>
/// metrics.json (docs/output-format.md): the run's service check: simulation size, simulated customer service of the
/// calibrated targets, and MEIO vs SEIO safety stock and holding cost at equal simulated customer service.
/// </summary>
public static class ServiceMetricsJson
{
    /// <summary>The file name.</summary>
    public const string FileName = "metrics.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Formats <paramref name="report"/>.</summary>
    public static RunFile Write(ServiceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        var document = new Dictionary<string, object?>
        {
            ["service_check"] = new Dictionary<string, object?>
            {
                ["simulation"] = new Dictionary<string, object?>
                {
                    ["replications"] = o.Replications,
                    ["periods"] = o.Periods,
                    ["shortfall"] = report.ShortfallMode,
                    ["tolerance"] = o.Tolerance,
                    ["max_service_level"] = o.MaxServiceLevel,
                    ["max_rounds"] = o.MaxRounds,
                    ["downward"] = o.Downward,
                    ["min_service_level"] = o.MinServiceLevel,
                    ["bracket_width"] = o.BracketWidth,
                },
                ["placement"] = Method(report.Primary, report.PrimaryByLocationType),
                ["single_echelon"] = report.SingleEchelon is { } s ? Method(s, report.SingleEchelonByLocationType!) : null,
                ["safety_stock_saving"] = Round(report.SafetyStockSaving),
                ["holding_cost_saving"] = Round(report.HoldingCostSaving),
            },
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, Json);
        return new RunFile(FileName, bytes, null);
    }

    private static Dictionary<string, object?> Method(CalibratedTargets t, IReadOnlyDictionary<string, double> byType)
    {
        var optimality = PlacementOptimality.Of(t.Targets);
        return new()
        {
            ["method"] = t.Method,
            ["customer_service"] = Round(t.CustomerService),
            ["customer_target"] = Round(t.CustomerTarget),
            ["max_standard_error"] = Round(t.MaxStandardError),
            ["nodes_below_target"] = t.Unmet,
            ["customer_facing_nodes"] = t.CustomerFacingCount,
            ["nodes_raised"] = t.Raised,
            ["nodes_lowered"] = t.Lowered,
            ["min_service_gap"] = Round(t.MinServiceGap),
            ["max_service_gap"] = Round(t.MaxServiceGap),
            ["rounds"] = t.Rounds,
            ["lateness_covered_skus"] = t.FallbackSkus,
            ["safety_stock"] = Round(t.SafetyStock),
            ["holding_cost"] = Round(t.HoldingCost),
            ["expedited_units_per_period"] = Round(t.ExpeditedUnitsPerPeriod),
            ["safety_stock_by_location_type"] = byType.ToDictionary(p => p.Key, p => Round(p.Value)),
            ["sku_networks"] = optimality.SkuNetworks,
            ["unproven_sku_networks"] = optimality.Unproven,
            ["worst_relative_gap"] = optimality.WorstGap,
        };
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
