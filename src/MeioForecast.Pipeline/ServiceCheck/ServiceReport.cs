using MeioForecast.Core.Planning;
using MeioForecast.Simulation.Options;

namespace MeioForecast.Pipeline.ServiceCheck;

/// <summary>
/// The service check of a run: the run's placement calibrated by simulation and, for comparison, single-echelon targets
/// calibrated the same way (MEIO vs SEIO at equal simulated customer service), with safety stock per location type.
/// </summary>
public sealed class ServiceReport
{
    private ServiceReport(ServiceCheckOptions options, CalibratedTargets primary, CalibratedTargets? singleEchelon, PlanningInput input)
    {
        Options = options;
        Primary = primary;
        SingleEchelon = singleEchelon;
        PrimaryByLocationType = ByType(primary, input);
        SingleEchelonByLocationType = singleEchelon is null ? null : ByType(singleEchelon, input);
    }

    /// <summary>The options used.</summary>
    public ServiceCheckOptions Options { get; }

    /// <summary>The run's placement, calibrated: its targets are the run's targets.</summary>
    public CalibratedTargets Primary { get; }

    /// <summary>Single-echelon targets calibrated the same way; null when not compared (or the run is single-echelon).</summary>
    public CalibratedTargets? SingleEchelon { get; }

    /// <summary>Safety stock of <see cref="Primary"/> per location type (e.g. store, dc, plant), units.</summary>
    public IReadOnlyDictionary<string, double> PrimaryByLocationType { get; }

    /// <summary>Safety stock of <see cref="SingleEchelon"/> per location type, units; null when not compared.</summary>
    public IReadOnlyDictionary<string, double>? SingleEchelonByLocationType { get; }

    /// <summary>Relative safety-stock saving of the primary placement vs single-echelon, (SEIO - MEIO) / SEIO; null when not compared.</summary>
    public double? SafetyStockSaving => SingleEchelon is { SafetyStock: > 0 } s ? (s.SafetyStock - Primary.SafetyStock) / s.SafetyStock : null;

    /// <summary>Relative holding-cost saving of the primary placement vs single-echelon; null when not compared.</summary>
    public double? HoldingCostSaving => SingleEchelon is { HoldingCost: > 0 } s ? (s.HoldingCost - Primary.HoldingCost) / s.HoldingCost : null;

    /// <summary>Creates the report.</summary>
    public static ServiceReport Create(ServiceCheckOptions options, CalibratedTargets primary, CalibratedTargets? singleEchelon, PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(input);
        return new ServiceReport(options, primary, singleEchelon, input);
    }

    /// <summary>The shortfall mode of the simulation as written to metrics.json: <c>backorder</c> or <c>expedite</c>.</summary>
    public string ShortfallMode => Options.Shortfall == ShortfallPolicy.Backorder ? "backorder" : "expedite";

    /// <summary>The summary lines printed at the end of a run (the same figures as metrics.json).</summary>
    public IReadOnlyList<string> SummaryLines()
    {
        var p = Primary;
        var mode = Options.Shortfall == ShortfallPolicy.Backorder
            ? "backorder mode: upstream shortages delay replenishment, nothing expedited"
            : "expedite mode: upstream shortages expedited (GSM assumption)";
        var lines = new List<string>
        {
            FormattableString.Invariant(
                $"service check ({p.Method}, {mode}): customer cycle service {p.CustomerService:P2} vs target {p.CustomerTarget:P2} (simulated, {Options.Replications} x {Options.Periods} periods, max s.e. {p.MaxStandardError * 100:F2} pp); {p.Unmet} node(s) below target - {Options.Tolerance * 100:F1} pp after {p.Rounds} round(s)"),
            FormattableString.Invariant(
                $"service spread ({p.Method}): simulated - target over {p.CustomerFacingCount} customer-facing nodes from {p.MinServiceGap * 100:+0.00;-0.00} to {p.MaxServiceGap * 100:+0.00;-0.00} pp; levels raised at {p.Raised}, lowered at {p.Lowered}; expedited {p.ExpeditedUnitsPerPeriod:F1} units/period"),
        };
        if (p.FallbackSkus > 0)
        {
            lines.Add(FormattableString.Invariant(
                $"lateness covered ({p.Method}): {p.FallbackSkus} sku(s) could not reach their targets with the classical placement and were calibrated covering every random lane's lateness (stock held for it or passed on to the stages below)"));
        }

        if (SingleEchelon is { } s)
        {
            lines.Add(FormattableString.Invariant(
                $"MEIO vs SEIO at equal simulated customer service ({p.CustomerService:P2} vs {s.CustomerService:P2}, {ShortfallMode} mode): safety stock {p.SafetyStock:F0} vs {s.SafetyStock:F0} units ({SafetyStockSaving:P1} less), holding cost {p.HoldingCost:F0} vs {s.HoldingCost:F0}/year ({HoldingCostSaving:P1} less); expedited {p.ExpeditedUnitsPerPeriod:F1} vs {s.ExpeditedUnitsPerPeriod:F1} units/period"));
            lines.Add("safety stock by location type, MEIO vs SEIO: " + string.Join(", ", PrimaryByLocationType.Keys.Union(SingleEchelonByLocationType!.Keys).Order(StringComparer.Ordinal)
                .Select(k => FormattableString.Invariant($"{k} {PrimaryByLocationType.GetValueOrDefault(k):F0} vs {SingleEchelonByLocationType.GetValueOrDefault(k):F0}"))));
        }

        return lines;
    }

    private static SortedDictionary<string, double> ByType(CalibratedTargets targets, PlanningInput input)
    {
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var row in targets.Targets)
        {
            var type = input.Locations[row.Location].Type.ToString().ToLowerInvariant();
            result[type] = result.GetValueOrDefault(type) + row.SafetyStock;
        }

        return result;
    }
}
