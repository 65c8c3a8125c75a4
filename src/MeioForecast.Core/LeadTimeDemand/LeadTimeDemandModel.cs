using MeioForecast.Core.Distributions;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>
/// Demand over the next tau periods, D(tau) = D_1 + ... + D_tau, for any tau &gt;= 0, from the per-period distributions
/// of the forecast horizon (period t has its own distribution). Periods beyond the horizon H reuse period H's
/// distribution (the forecast's last, steady-state period). Results are memoised: the optimizer may ask for every tau.
/// </summary>
/// <remarks>
/// Independence: the periods are independent unless residual autocorrelations rho_k are given
/// (<see cref="LeadTimeDemandOptions.ResidualAutocorrelation"/>); then the variance of the sum is
/// sum_t sigma_t^2 + 2 sum_(k=1..K) rho_k sum_t sigma_t sigma_(t+k) and the independent-sum distribution is stretched
/// about its mean by the ratio of standard deviations (shape kept, mean exact, variance exact).
/// Thread-safe: lazy extension happens under a lock and results are immutable.
/// </remarks>
public abstract class LeadTimeDemandModel
{
    private readonly DemandDistribution[] _periods;
    private readonly double[] _sd;
    private readonly double[] _rho;
    private readonly List<double> _mean = [0.0];
    private readonly List<double> _variance = [0.0];
    private readonly List<double> _independentVariance = [0.0];

    /// <summary>Validates the periods and options and keeps them.</summary>
    protected LeadTimeDemandModel(IReadOnlyList<DemandDistribution> periods, LeadTimeDemandOptions? options)
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (periods.Count == 0 || periods.Any(p => p is null))
        {
            throw new ArgumentException("At least one period distribution is needed, none null.", nameof(periods));
        }

        Options = options ?? new LeadTimeDemandOptions();
        Options.Validate();
        _periods = [.. periods];
        _sd = [.. _periods.Select(p => p.StandardDeviation)];
        _rho = [.. Options.ResidualAutocorrelation];
    }

    /// <summary>The options in force.</summary>
    public LeadTimeDemandOptions Options { get; }

    /// <summary>H, the number of periods given.</summary>
    public int Horizon => _periods.Length;

    /// <summary>True when residual autocorrelations are applied.</summary>
    public bool IsCorrelated => _rho.Any(r => r != 0.0);

    /// <summary>Synchronises lazy extension of the memo tables.</summary>
    protected object Sync { get; } = new();

    /// <summary>The distribution of period t (1-based); t &gt; H gives period H's.</summary>
    public DemandDistribution Period(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return _periods[Math.Min(t, _periods.Length) - 1];
    }

    /// <summary>E[D(tau)] = sum of the first tau period means (exact).</summary>
    public double Mean(int tau)
    {
        EnsureMoments(tau);
        lock (Sync)
        {
            return _mean[tau];
        }
    }

    /// <summary>Var[D(tau)], with the autocorrelation adjustment when configured.</summary>
    public double Variance(int tau)
    {
        EnsureMoments(tau);
        lock (Sync)
        {
            return _variance[tau];
        }
    }

    /// <summary>Var[D(tau)] under independence: the sum of the first tau period variances.</summary>
    public double IndependentVariance(int tau)
    {
        EnsureMoments(tau);
        lock (Sync)
        {
            return _independentVariance[tau];
        }
    }

    /// <summary>The distribution of D(tau), demand over the next tau periods; tau = 0 is a point mass at 0.</summary>
    public abstract DemandDistribution Over(int tau);

    /// <summary>sd(correlated) / sd(independent) for tau periods (1 when independent or degenerate).</summary>
    protected double StretchFactor(int tau)
    {
        if (!IsCorrelated || tau == 0)
        {
            return 1.0;
        }

        var independent = IndependentVariance(tau);
        return independent > 0.0 ? Math.Sqrt(Variance(tau) / independent) : 1.0;
    }

    private void EnsureMoments(int tau)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tau);
        lock (Sync)
        {
            for (var t = _mean.Count; t <= tau; t++)
            {
                var period = Period(t);
                var sdT = _sd[Math.Min(t, _sd.Length) - 1];
                var cross = 0.0;
                for (var k = 1; k <= _rho.Length && k < t; k++)
                {
                    cross += _rho[k - 1] * _sd[Math.Min(t - k, _sd.Length) - 1];
                }

                _mean.Add(_mean[t - 1] + period.Mean);
                _independentVariance.Add(_independentVariance[t - 1] + period.Variance);
                _variance.Add(Math.Max(0.0, _variance[t - 1] + period.Variance + 2.0 * sdT * cross));
            }
        }
    }
}
