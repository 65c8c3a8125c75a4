using MeioForecast.Core.Distributions;

namespace MeioForecast.Simulation.Network;

/// <summary>
/// Customer demand at a stage, per period: either sampled from demand distributions (one stationary distribution or
/// one per period, drawn by inverse transform <c>Quantile(u)</c> of a uniform u; normal distributions use an exact
/// Box-Muller draw instead, which is faster) or an explicit demand path replayed as is (backtest mode: actual history).
/// </summary>
public sealed class CustomerDemand
{
    private CustomerDemand(IReadOnlyList<DemandDistribution>? distributions, IReadOnlyList<double>? path, ReplayMember? replay = null, IReadOnlyList<double>? warmUpPath = null)
    {
        Distributions = distributions;
        Path = path;
        Replay = replay;
        WarmUpPath = warmUpPath;
    }

    /// <summary>
    /// Sampled demand only: the demand of the warm-up periods replayed as given (entry t = simulated period t), so the
    /// measured periods start from the state a known past (actual history, a planned mean) leaves; null (default):
    /// the warm-up samples as the measured periods do. Needs at least as many entries as warm-up periods.
    /// </summary>
    public IReadOnlyList<double>? WarmUpPath { get; }

    /// <summary>The replayed forecast-error paths of sampled demand (null: periods drawn independently).</summary>
    public ReplayMember? Replay { get; }

    /// <summary>
    /// The per-period distributions (null for a path). Measured period p (0-based, after the warm-up) uses entry
    /// p mod Count; warm-up periods continue the cycle backwards (period -1 uses the last entry).
    /// </summary>
    public IReadOnlyList<DemandDistribution>? Distributions { get; }

    /// <summary>
    /// The explicit demand path (null when sampled): entry t is the demand of simulated period t, warm-up included, so
    /// the path needs at least warm-up + measured periods entries. Every replication sees the same path.
    /// </summary>
    public IReadOnlyList<double>? Path { get; }

    /// <summary>The same distribution in every period (stationary demand).</summary>
    public static CustomerDemand Stationary(DemandDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return new CustomerDemand([distribution], null);
    }

    /// <summary>One distribution per period (e.g. a forecast's horizon), applied cyclically; see <see cref="Distributions"/>.</summary>
    public static CustomerDemand PerPeriod(IReadOnlyList<DemandDistribution> distributions) => PerPeriod(distributions, null);

    /// <summary>Per-period demand whose period uniforms replay <paramref name="replay"/> (null: independent); see <see cref="ReplayPaths"/>.</summary>
    public static CustomerDemand PerPeriod(IReadOnlyList<DemandDistribution> distributions, ReplayMember? replay)
    {
        ArgumentNullException.ThrowIfNull(distributions);
        if (distributions.Count == 0 || distributions.Any(d => d is null))
        {
            throw new ArgumentException("Per-period demand needs at least one distribution and no null entry.", nameof(distributions));
        }

        replay?.Validate();
        return new CustomerDemand(distributions.ToArray(), null, replay);
    }

    /// <summary>An explicit demand path (finite, non-negative values), replayed exactly; see <see cref="Path"/>.</summary>
    public static CustomerDemand FromPath(IReadOnlyList<double> path) => new(null, Checked(path));

    /// <summary>
    /// This sampled demand with its warm-up replayed from <paramref name="warmUpPath"/> (finite, non-negative values);
    /// see <see cref="WarmUpPath"/>. The held-out check's window band starts where the replay of actual demand starts.
    /// </summary>
    /// <exception cref="InvalidOperationException">This demand is an explicit path (it has no sampled periods).</exception>
    public CustomerDemand WithWarmUp(IReadOnlyList<double> warmUpPath)
    {
        if (Distributions is null)
        {
            throw new InvalidOperationException("A warm-up path applies to sampled demand; an explicit path already fixes every period.");
        }

        return new CustomerDemand(Distributions, null, Replay, Checked(warmUpPath));
    }

    private static double[] Checked(IReadOnlyList<double> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        for (var t = 0; t < path.Count; t++)
        {
            if (!(path[t] >= 0.0) || !double.IsFinite(path[t]))
            {
                throw new ArgumentException($"Demand path value at period {t} is {path[t]}; it must be finite and non-negative.", nameof(path));
            }
        }

        if (path.Count == 0)
        {
            throw new ArgumentException("A demand path needs at least one period.", nameof(path));
        }

        return [.. path];
    }
}
