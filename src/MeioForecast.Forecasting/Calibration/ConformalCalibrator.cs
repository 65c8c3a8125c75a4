using MeioForecast.Core.Keys;
using MeioForecast.Forecasting.Backtesting;

namespace MeioForecast.Forecasting.Calibration;

/// <summary>
/// Split-conformal calibration of quantile forecasts from held-out (backtest) outcomes: conformalized quantile
/// regression (Romano, Patterson &amp; Candes 2019, "Conformalized Quantile Regression", NeurIPS 32), in its one-sided
/// form per level (their asymmetric variant, Thm. 2): with scores E_i = y_i - q_p(x_i) on n calibration points, the
/// adjustment is c_p = the ceil((n+1) p)-th smallest score (the largest when that exceeds n), so that
/// P(Y &lt;= q_p + c_p) &gt;= p on exchangeable fresh data. Fitted per horizon step and optionally per segment.
/// </summary>
public static class ConformalCalibrator
{
    /// <summary>
    /// Fits adjustments from <paramref name="outcomes"/> (NaN actuals skipped). <paramref name="segmentOf"/> optionally
    /// maps a sku-node to its segment (e.g. an ABC class); segments with too few scores use the global adjustment.
    /// </summary>
    public static QuantileCalibration Fit(IReadOnlyList<ForecastOutcome> outcomes, ConformalOptions? options = null, Func<SkuNode, string>? segmentOf = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        options ??= new ConformalOptions();
        options.Validate();
        if (outcomes.Count == 0)
        {
            throw new ArgumentException("Calibration needs outcomes.", nameof(outcomes));
        }

        var levels = outcomes[0].Levels;
        var steps = options.PerStep ? outcomes.Max(o => o.Actuals.Length) : 1;
        var global = Adjustments(outcomes, levels, steps, options, null);
        var bySegment = new SortedDictionary<string, double[,]>(StringComparer.Ordinal);
        if (segmentOf is not null)
        {
            foreach (var g in outcomes.GroupBy(o => segmentOf(o.Key)))
            {
                bySegment[g.Key] = Adjustments(g.ToArray(), levels, steps, options, global);
            }
        }

        return new QuantileCalibration(levels, global, bySegment, options.NonNegative, options.Scaled);
    }

    /// <summary>
    /// The conformal quantile of <paramref name="scores"/> at level <paramref name="p"/>: the ceil((n+1)p)-th smallest,
    /// clamped to 1..n.
    /// </summary>
    public static double ConformalQuantile(IReadOnlyList<double> scores, double p)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var sorted = scores.Order().ToArray();
        var rank = (int)Math.Ceiling((sorted.Length + 1) * p);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    private static double[,] Adjustments(IReadOnlyList<ForecastOutcome> outcomes, IReadOnlyList<QuantileLevel> levels, int steps, ConformalOptions options, double[,]? fallback)
    {
        var result = new double[steps, levels.Count];
        for (var j = 0; j < levels.Count; j++)
        {
            var all = Scores(outcomes, j, null, options.Scaled);
            for (var t = 0; t < steps; t++)
            {
                var scores = options.PerStep ? Scores(outcomes, j, t, options.Scaled) : all;
                if (scores.Count >= options.MinScores)
                {
                    result[t, j] = ConformalQuantile(scores, levels[j].Value);
                }
                else if (fallback is null && all.Count > 0)
                {
                    result[t, j] = ConformalQuantile(all, levels[j].Value);
                }
                else if (fallback is not null)
                {
                    result[t, j] = all.Count >= options.MinScores ? ConformalQuantile(all, levels[j].Value) : fallback[t, j];
                }
            }
        }

        return result;
    }

    private static List<double> Scores(IReadOnlyList<ForecastOutcome> outcomes, int level, int? step, bool scaled)
    {
        var scores = new List<double>();
        foreach (var o in outcomes)
        {
            for (var t = step ?? 0; t < (step is null ? o.Actuals.Length : Math.Min(step.Value + 1, o.Actuals.Length)); t++)
            {
                var scale = scaled ? QuantileCalibration.LevelAt(o.Levels, o.Quantiles, t) : 1.0;
                if (!double.IsNaN(o.Actuals[t]) && scale > 0)
                {
                    scores.Add((o.Actuals[t] - o.Quantiles[t, level]) / scale);
                }
            }
        }

        return scores;
    }
}
