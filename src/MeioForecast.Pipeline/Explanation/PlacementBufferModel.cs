using MeioForecast.Core.Distributions;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Pipeline.Placement;

namespace MeioForecast.Pipeline.Explanation;

/// <summary>
/// The value function of the explanations: the buffer of a node computed by the same demand bound the placement uses
/// (<see cref="LeadTimeDemandBound"/>): stage time T = ceiling of the stage time, net replenishment time
/// tau = SI + T - S, covering tau - (T - stage time) = SI + stage time - S real periods (at least 0); safety stock
/// z_p sd(demand over them, with the lead-time variability term), base stock = expected demand over them + safety stock,
/// holding cost = safety stock x unit holding cost. With the run's own drivers it reproduces targets.csv; with
/// S = SI = 0 it is the single-echelon buffer. When a coalition mixes demand vectors of two runs with different horizons,
/// the shorter one is extended by its last period (the bound's own rule for periods past the forecast).
/// </summary>
public sealed class PlacementBufferModel : IBufferModel
{
    /// <summary>The shared instance (stateless).</summary>
    public static PlacementBufferModel Instance { get; } = new();

    /// <inheritdoc />
    public BufferLevels Evaluate(NodeDrivers drivers)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        var whole = StagePlan.WholePeriods(drivers.LeadTimeMean);
        var periods = Math.Max(drivers.Mean.Count, drivers.Variance.Count);
        var bound = new LeadTimeDemandBound(
            Extend(drivers.Mean, periods),
            Extend(drivers.Variance, periods),
            whole - drivers.LeadTimeMean,
            drivers.LeadTimeSd,
            StandardNormal.Quantile(drivers.ServiceLevel),
            drivers.CoversLateness);
        var tau = (int)Math.Round(drivers.InboundServiceTime + Math.Max(0, whole) - drivers.OutboundServiceTime);
        var safety = bound.Safety(tau);
        return new BufferLevels(safety, bound.ExpectedDemand(tau) + safety, safety * drivers.UnitHoldingCost);
    }

    /// <summary>
    /// The real periods the node's buffer covers, SI + stage time - S (at least 0), as the bound counts them: the
    /// whole-period net replenishment time tau = SI + ceiling(stage time) - S less the rounding of the stage time.
    /// </summary>
    public static double CoveredPeriods(NodeDrivers drivers)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        var whole = StagePlan.WholePeriods(drivers.LeadTimeMean);
        var tau = (int)Math.Round(drivers.InboundServiceTime + Math.Max(0, whole) - drivers.OutboundServiceTime);
        return Math.Max(0.0, tau - (whole - drivers.LeadTimeMean));
    }

    private static IReadOnlyList<double> Extend(IReadOnlyList<double> values, int periods)
    {
        if (values.Count == periods)
        {
            return values;
        }

        if (values.Count == 0)
        {
            throw new ArgumentException("Demand moments need at least one period.", nameof(values));
        }

        var extended = new double[periods];
        for (var t = 0; t < periods; t++)
        {
            extended[t] = values[Math.Min(t, values.Count - 1)];
        }

        return extended;
    }
}
