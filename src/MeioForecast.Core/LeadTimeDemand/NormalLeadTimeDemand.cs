using MeioForecast.Core.Distributions;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>
/// Lead-time demand from moments only: D(tau) ~ Normal(E[D(tau)], Var[D(tau)]) with the exact mean and (optionally
/// autocorrelation-adjusted) variance of the sum. Exact for normal periods; the classic approximation otherwise
/// (central limit theorem), cheap enough to build for every tau in microseconds.
/// </summary>
public sealed class NormalLeadTimeDemand : LeadTimeDemandModel
{
    private readonly List<DemandDistribution> _memo = [DiscreteDistribution.PointMass(0.0)];

    /// <summary>Creates the model over <paramref name="periods"/> (see <see cref="LeadTimeDemandModel"/>).</summary>
    public NormalLeadTimeDemand(IReadOnlyList<DemandDistribution> periods, LeadTimeDemandOptions? options = null)
        : base(periods, options)
    {
    }

    /// <inheritdoc />
    public override DemandDistribution Over(int tau)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tau);
        lock (Sync)
        {
            for (var t = _memo.Count; t <= tau; t++)
            {
                _memo.Add(new NormalDistribution(Mean(t), Math.Sqrt(Variance(t))));
            }

            return _memo[tau];
        }
    }
}
