using MeioForecast.Core.Distributions;

namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// The demand bound of one planned node built from its forecast moments (mean and variance per period, time-varying),
/// for the GSM optimizer: the net replenishment time tau (whole periods, T_j rounded up) covers tau - offset real
/// periods (offset = rounding of the stage time), and safety stock = z * sd(demand over them) with the random-lead-time
/// term, over a window starting anywhere in the horizon
/// (<see cref="SingleEchelonPlacement.HorizonLeadTimeDemandMoments"/>). With S = SI = 0 it equals the single-echelon
/// safety stock exactly, so the network optimum can never cost more than single-echelon placement.
/// </summary>
internal sealed class LeadTimeDemandBound : DemandBound
{
    private readonly IReadOnlyList<double> _mean;
    private readonly IReadOnlyList<double> _variance;
    private readonly double _offset;
    private readonly double _leadTimeSd;
    private readonly double _z;

    public LeadTimeDemandBound(IReadOnlyList<double> mean, IReadOnlyList<double> variance, double offset, double leadTimeSd, double z)
    {
        _mean = mean;
        _variance = variance;
        _offset = offset;
        _leadTimeSd = leadTimeSd;
        _z = z;
        MeanPerPeriod = mean.Count > 0 ? mean.Average() : 0.0;
    }

    /// <inheritdoc />
    public override double MeanPerPeriod { get; }

    /// <summary>Real periods covered by a whole-period net replenishment time.</summary>
    public double RealTime(int tau) => Math.Max(0.0, tau - _offset);

    /// <summary>z * sd of demand over <see cref="RealTime"/>(tau) periods.</summary>
    public double Safety(int tau)
    {
        var (_, variance) = SingleEchelonPlacement.HorizonLeadTimeDemandMoments(_mean, _variance, RealTime(tau), _leadTimeSd);
        return _z * Math.Sqrt(variance);
    }

    /// <summary>Expected demand over <see cref="RealTime"/>(tau) periods.</summary>
    public double ExpectedDemand(int tau) => SingleEchelonPlacement.HorizonLeadTimeDemandMoments(_mean, _variance, RealTime(tau), 0.0).Mean;

    /// <inheritdoc />
    public override double BaseStock(int tau)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tau);
        return (tau * MeanPerPeriod) + Safety(tau);
    }
}
