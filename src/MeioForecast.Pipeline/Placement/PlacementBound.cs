using MeioForecast.Core.Distributions;

namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// The demand bound of one planned node as the placements use it: the GSM passes a whole-period net replenishment time
/// tau, which covers <see cref="RealTime"/>(tau) = tau - offset real periods (offset = the rounding of the stage time,
/// <see cref="StagePlan.Offset"/>); safety stock and expected demand are taken over those periods, and the base stock
/// D_j(tau) = tau mu_j + safety stock. Built by <see cref="NodeDemand.Bound"/>.
/// </summary>
public abstract class PlacementBound : DemandBound
{
    private readonly double _offset;

    /// <summary>Keeps the mean per period and the stage-time rounding.</summary>
    protected PlacementBound(double meanPerPeriod, double offset)
    {
        MeanPerPeriod = meanPerPeriod;
        _offset = offset;
    }

    /// <inheritdoc />
    public override double MeanPerPeriod { get; }

    /// <summary>Real periods covered by a whole-period net replenishment time.</summary>
    public double RealTime(int tau) => Math.Max(0.0, tau - _offset);

    /// <summary>Safety stock for a net replenishment time of <paramref name="tau"/> periods.</summary>
    public abstract double Safety(int tau);

    /// <summary>Expected demand over <see cref="RealTime"/>(tau) periods.</summary>
    public abstract double ExpectedDemand(int tau);

    /// <summary>The single-echelon buffer (S = SI = 0) of <paramref name="stage"/>: expected demand over its stage time and safety stock.</summary>
    public virtual (double Expected, double Safety) SingleEchelon(StagePlan stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var tau = Math.Max(0, stage.WholeStageTime);
        return (ExpectedDemand(tau), Safety(tau));
    }

    /// <inheritdoc />
    public override double BaseStock(int tau)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tau);
        return (tau * MeanPerPeriod) + Safety(tau);
    }
}
