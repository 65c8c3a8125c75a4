using MeioForecast.Core.Distributions;

namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// The demand bound from the lead-time demand distribution (issue 28): D_j(tau) - E[demand] = the service-level
/// quantile of demand over the periods the net replenishment time covers, minus its mean, the distribution built from
/// the forecast quantiles (<see cref="QuantileDistribution"/> per period, convolved over the window and the random
/// lead time: <see cref="LeadTimeExposure"/>). This is the base stock of Graves &amp; Willems (2000, MSOM 2(1):68-83),
/// B_j = D_j(SI_j + T_j - S_j), with D_j the p-quantile of lead-time demand rather than mu tau + z sigma sqrt(tau);
/// for normal periods and a fixed lead time both agree. Memoised per tau.
/// </summary>
public sealed class DistributionLeadTimeBound : PlacementBound
{
    private readonly Dictionary<int, (double Safety, double Mean)> _memo = [];
    private readonly LeadTimeExposure _exposure;
    private readonly double _level;

    internal DistributionLeadTimeBound(LeadTimeExposure exposure, double meanPerPeriod, double offset, double serviceLevel)
        : base(meanPerPeriod, offset)
    {
        if (!(serviceLevel > 0.0 && serviceLevel < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(serviceLevel), serviceLevel, "The service level must lie strictly between 0 and 1.");
        }

        _exposure = exposure;
        _level = serviceLevel;
    }

    /// <summary>The p-quantile of lead-time demand minus its mean.</summary>
    public override double Safety(int tau) => Entry(tau).Safety;

    /// <inheritdoc />
    public override double ExpectedDemand(int tau) => Entry(tau).Mean;

    private (double Safety, double Mean) Entry(int tau)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tau);
        if (!_memo.TryGetValue(tau, out var entry))
        {
            var real = RealTime(tau);
            var whole = (int)Math.Floor(real + 1e-9);
            var f = Math.Max(0.0, real - whole);
            var low = _exposure.At(whole);
            var (quantile, mean) = (low.Quantile(_level), low.Mean);
            if (f > 1e-9)
            {
                var high = _exposure.At(whole + 1);
                quantile = ((1 - f) * quantile) + (f * high.Quantile(_level));
                mean = ((1 - f) * mean) + (f * high.Mean);
            }

            entry = (quantile - mean, mean);
            _memo[tau] = entry;
        }

        return entry;
    }
}
