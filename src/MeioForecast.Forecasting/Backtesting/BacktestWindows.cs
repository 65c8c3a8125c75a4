using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;

namespace MeioForecast.Forecasting.Backtesting;

/// <summary>
/// Multi-window evaluation: a <see cref="RollingOriginBacktester"/> run with K origins is K held-out windows, window k
/// ending k x step periods before the end of the data; each window is scored on its own with
/// <see cref="ForecastMetrics"/> (the M5 definitions, Makridakis et al. 2022, IJF 38(4)), so that a table reports each
/// window and the mean and spread over windows, as the shared evaluation protocol asks, instead of one pooled score.
/// </summary>
public static class BacktestWindows
{
    /// <summary>
    /// Scores each window of <paramref name="result"/> (<paramref name="origins"/> origins, oldest first) and, with
    /// <paramref name="segment"/> (a sku-node and date to whether a signal such as a promotion is on; null = not known),
    /// the median's bias on and off the segment.
    /// </summary>
    public static IReadOnlyList<WindowScore> Score(BacktestResult result, int origins, PeriodKind period, Func<SkuNode, DateOnly, bool>? segment = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var scores = new List<WindowScore>();
        for (var i = origins - 1; i >= 0; i--)
        {
            var outcomes = result.Outcomes.Where(o => o.Origin == i).ToArray();
            if (outcomes.Length == 0)
            {
                continue;
            }

            var first = outcomes.Min(o => o.FirstDate);
            scores.Add(new WindowScore(
                origins - 1 - i,
                first,
                outcomes[0].Levels,
                ForecastMetrics.Compute(outcomes),
                Bias(outcomes, period, null),
                segment is null ? null : Bias(outcomes, period, (k, d) => segment(k, d)),
                segment is null ? null : Bias(outcomes, period, (k, d) => !segment(k, d))));
        }

        return scores;
    }

    /// <summary>Mean and sample standard deviation of <paramref name="values"/> (NaN values left out).</summary>
    public static (double Mean, double Sd) MeanSd(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).ToArray();
        if (v.Length == 0)
        {
            return (double.NaN, double.NaN);
        }

        var mean = v.Average();
        return (mean, v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0);
    }

    private static SegmentBias Bias(IReadOnlyList<ForecastOutcome> outcomes, PeriodKind period, Func<SkuNode, DateOnly, bool>? keep)
    {
        double bias = 0, actual = 0;
        var n = 0;
        var covered = new double[outcomes.Count > 0 ? outcomes[0].Levels.Count : 0];
        foreach (var o in outcomes)
        {
            var median = o.Levels.ToList().FindIndex(l => l.Value == 0.5);
            if (median < 0)
            {
                return new SegmentBias(0, double.NaN, double.NaN, []);
            }

            for (var t = 0; t < o.Actuals.Length; t++)
            {
                var y = o.Actuals[t];
                if (double.IsNaN(y) || (keep is not null && !keep(o.Key, period.Add(o.FirstDate, t))))
                {
                    continue;
                }

                bias += o.Quantiles[t, median] - y;
                actual += y;
                n++;
                for (var j = 0; j < covered.Length; j++)
                {
                    covered[j] += y <= o.Quantiles[t, j] ? 1 : 0;
                }
            }
        }

        return n == 0 ? new SegmentBias(0, double.NaN, double.NaN, []) : new SegmentBias(n, bias / n, actual / n, [.. covered.Select(c => c / n)]);
    }
}
