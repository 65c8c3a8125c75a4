using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Simulation.Network;

namespace MeioForecast.Pipeline.ServiceCheck;

/// <summary>
/// The out-of-sample error paths the service check replays under <see cref="DemandDraws.Replay"/> (issue 28): for
/// every sku-node, backtest origin o and step h, where the actual fell in the forecast distribution served at that
/// origin (the <see cref="QuantileDistribution"/> of its quantiles, as the simulation builds today's), as the interval
/// [F(y-), F(y)]: a single point F(y) for positive demand, [0, F(0)] for a zero (the randomised PIT of discrete data,
/// whose middle is the mid-PIT; Czado, Gneiting &amp; Held 2009, Biometrics 65(4):1254-1261), [0, 1] for an unscored
/// period. Today's forecast put through these values keeps the forecaster's own errors: a bias or an under-dispersion
/// the backtest showed, and a level missed over several steps (serial correlation over a lead time). A sku's customer
/// nodes share one <see cref="ReplayPaths"/> (see there for the block bootstrap). A node without outcomes (history too
/// short at every origin) draws independently; an origin a node missed replays [0, 1] at its steps.
/// </summary>
public static class ErrorReplay
{
    /// <summary>The replay member of every sku-node of <paramref name="outcomes"/>.</summary>
    /// <param name="outcomes">Backtest outcomes as served (out of sample), every one over the same horizon H.</param>
    /// <param name="pool">Whose paths a node replays.</param>
    /// <param name="blockLength">Block length b in periods; null = H; capped at the path length W.</param>
    public static IReadOnlyDictionary<SkuNode, ReplayMember> Build(IReadOnlyList<ForecastOutcome> outcomes, ReplayPool pool, int? blockLength)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var result = new Dictionary<SkuNode, ReplayMember>();
        if (outcomes.Count == 0)
        {
            return result;
        }

        var h = outcomes[0].Actuals.Length;
        if (outcomes.Any(o => o.Actuals.Length != h))
        {
            throw new ArgumentException("Every backtest outcome must cover the same horizon.", nameof(outcomes));
        }

        var origins = outcomes.Max(o => o.Origin) + 1;
        var w = origins * h;
        var block = Math.Clamp(blockLength ?? h, 1, w);
        foreach (var sku in outcomes.GroupBy(o => o.Key.Sku, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = sku.GroupBy(o => o.Key).OrderBy(g => g.Key).ToArray();
            var lower = new double[members.Length][];
            var upper = new double[members.Length][];
            for (var m = 0; m < members.Length; m++)
            {
                lower[m] = new double[w];
                upper[m] = Enumerable.Repeat(1.0, w).ToArray();
                foreach (var o in members[m])
                {
                    for (var step = 0; step < h; step++)
                    {
                        (lower[m][(o.Origin * h) + step], upper[m][(o.Origin * h) + step]) = Pit(o, step);
                    }
                }
            }

            var paths = new ReplayPaths(lower, upper, h, block, pool == ReplayPool.Sku);
            for (var m = 0; m < members.Length; m++)
            {
                result[members[m].Key] = new ReplayMember(paths, m);
            }
        }

        return result;
    }

    /// <summary>
    /// [F(y-), F(y)] of outcome <paramref name="o"/> at <paramref name="step"/> (see the type's doc), limited to
    /// [p_1 / 10, 1 - (1 - p_K) / 10] for outer levels p_1, p_K: beyond them the rebuilt distribution is an extrapolated
    /// tail, and a count of 3 where the backtest forecast said at most 1 (F = 1 - 1e-12) would be replayed as today's
    /// quantile at 1 - 1e-12, thousands of units. A positive actual under a forecast of no demand fits [p_K, that limit].
    /// </summary>
    public static (double Lower, double Upper) Pit(ForecastOutcome o, int step)
    {
        ArgumentNullException.ThrowIfNull(o);
        var y = o.Actuals[step];
        if (double.IsNaN(y))
        {
            return (0.0, 1.0);
        }

        var floor = o.Levels[0].Value / 10.0;
        var ceiling = 1.0 - ((1.0 - o.Levels[^1].Value) / 10.0);
        var values = new double[o.Levels.Count];
        for (var j = 0; j < values.Length; j++)
        {
            values[j] = o.Quantiles[step, j];
        }

        if (values.Max() <= 0.0)
        {
            // A forecast of no demand: a point mass at zero, which a zero fits anywhere and positive demand exceeds.
            return y <= 0.0 ? (0.0, 1.0) : (o.Levels[^1].Value, ceiling);
        }

        var f = new QuantileDistribution(o.Levels, values);
        var at = Math.Clamp(f.Cdf(Math.Max(0.0, y)), floor, ceiling);
        return y <= 0.0 ? (0.0, at) : (at, at);
    }
}
