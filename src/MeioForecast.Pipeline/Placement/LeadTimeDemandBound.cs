namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// The demand bound of one planned node built from its forecast moments (mean and variance per period, time-varying),
/// for the GSM optimizer: the net replenishment time tau (whole periods, T_j rounded up) covers tau - offset real
/// periods (offset = rounding of the stage time), and safety stock = z * sd(demand over them) with the random-lead-time
/// term, over a window starting anywhere in the horizon
/// (<see cref="SingleEchelonPlacement.HorizonLeadTimeDemandMoments"/>). With S = SI = 0 it equals the single-echelon
/// safety stock exactly, so the network optimum can never cost more than single-echelon placement.
/// </summary>
public sealed class LeadTimeDemandBound : PlacementBound
{
    private readonly IReadOnlyList<double> _mean;
    private readonly IReadOnlyList<double> _variance;
    private readonly double _leadTimeSd;
    private readonly double _z;
    private readonly bool _latenessAtZero;

    /// <summary>
    /// Creates the bound from per-period moments, the stage-time rounding, the lead-time sd and z = Phi^-1(p). At a net
    /// replenishment time of 0 the node holds nothing (the classical GSM: its lane's lateness goes on to the nodes it
    /// supplies) unless <paramref name="latenessAtZero"/>: then it still waits L - E[L] and holds z mu sigma_L, mu the
    /// horizon's mean per period (Humair, Ruark, Tomlin &amp; Willems 2013; <see cref="NetworkPlacement"/>).
    /// </summary>
    public LeadTimeDemandBound(IReadOnlyList<double> mean, IReadOnlyList<double> variance, double offset, double leadTimeSd, double z, bool latenessAtZero = false)
        : base(mean is { Count: > 0 } ? mean.Average() : 0.0, offset)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(variance);
        _mean = mean;
        _variance = variance;
        _leadTimeSd = leadTimeSd;
        _z = z;
        _latenessAtZero = latenessAtZero;
    }

    /// <summary>z * sd of demand over <see cref="PlacementBound.RealTime"/>(tau) periods.</summary>
    public override double Safety(int tau)
    {
        var real = RealTime(tau);
        if (real <= 0)
        {
            return _latenessAtZero ? _z * MeanPerPeriod * _leadTimeSd : 0.0;
        }

        var (_, variance) = SingleEchelonPlacement.HorizonLeadTimeDemandMoments(_mean, _variance, real, _leadTimeSd);
        return _z * Math.Sqrt(variance);
    }

    /// <inheritdoc />
    public override double ExpectedDemand(int tau) => SingleEchelonPlacement.HorizonLeadTimeDemandMoments(_mean, _variance, RealTime(tau), 0.0).Mean;

    /// <summary>The single-echelon buffer over the stage time itself (not its whole-period rounding less the offset).</summary>
    public override (double Expected, double Safety) SingleEchelon(StagePlan stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var (mean, variance) = SingleEchelonPlacement.HorizonLeadTimeDemandMoments(_mean, _variance, stage.StageTime, _leadTimeSd);
        return (mean, _z * Math.Sqrt(variance));
    }
}
