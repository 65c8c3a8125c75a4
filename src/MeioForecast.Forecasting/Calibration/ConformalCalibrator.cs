using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Forecasting.Backtesting;

namespace MeioForecast.Forecasting.Calibration;

/// <summary>
/// Split-conformal calibration of quantile forecasts from held-out (backtest) outcomes: conformalized quantile
/// regression (Romano, Patterson &amp; Candes 2019, "Conformalized Quantile Regression", NeurIPS 32), in its one-sided
/// form per level (their asymmetric variant, Thm. 2): with scores E_i = y_i - q_p(x_i) on n calibration points, the
/// adjustment is c_p = the ceil((n+1) p)-th smallest score (the largest when that exceeds n), so that
/// P(Y &lt;= q_p + c_p) &gt;= p on exchangeable fresh data. Fitted per horizon step and optionally per segment.
/// With <see cref="ConformalOptions.RecencyHalfLife"/> the scores of older backtest origins weigh less (weighted
/// conformal prediction for data that drift: Barber, Candes, Ramdas &amp; Tibshirani 2023, "Conformal prediction beyond
/// exchangeability", Ann. Statist. 51(2), eq. (11), fixed weights decaying with age). With
/// <see cref="ConformalOptions.VolumeClasses"/> each volume class of sku-nodes gets its own adjustments (Mondrian
/// conformal, Vovk, Gammerman &amp; Shafer 2005, sec. 4.5); with <see cref="ConformalOptions.EventSignal"/> the
/// promotion periods and the other periods do (the same construction over a taxonomy of periods).
/// </summary>
public static class ConformalCalibrator
{
    /// <summary>
    /// Fits adjustments from <paramref name="outcomes"/> (NaN actuals skipped). <paramref name="segmentOf"/> optionally
    /// maps a sku-node to its segment (e.g. an ABC class); segments with too few scores use the global adjustment.
    /// <paramref name="volumeOf"/> gives each sku-node's volume (<see cref="Volume"/>) for
    /// <see cref="ConformalOptions.VolumeClasses"/>; without it there is one class. <paramref name="onEvent"/> says whether
    /// step t of an outcome is an event period (<see cref="ConformalOptions.EventSignal"/>): then each segment's event
    /// periods and other periods get a table each.
    /// </summary>
    public static QuantileCalibration Fit(IReadOnlyList<ForecastOutcome> outcomes, ConformalOptions? options = null, Func<SkuNode, string>? segmentOf = null, Func<SkuNode, double>? volumeOf = null, Func<ForecastOutcome, int, bool>? onEvent = null)
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
        var weightOf = OriginWeights(outcomes, options.RecencyHalfLife);
        var global = Adjustments(outcomes, levels, steps, options, weightOf, null);
        var bySegment = new SortedDictionary<string, double[,]>(StringComparer.Ordinal);
        var groups = new List<(string Segment, ForecastOutcome[] Outcomes, double[,] Table)>();
        if (segmentOf is not null)
        {
            foreach (var g in outcomes.GroupBy(o => segmentOf(o.Key)))
            {
                bySegment[g.Key] = Adjustments(g.ToArray(), levels, steps, options, weightOf, global);
                groups.Add((g.Key, g.ToArray(), bySegment[g.Key]));
            }
        }
        else
        {
            groups.Add((string.Empty, outcomes.ToArray(), global));
        }

        if (onEvent is not null)
        {
            foreach (var (segment, members, table) in groups)
            {
                var onTable = Adjustments(members, levels, steps, options, weightOf, null, onEvent, minimum: true);
                if (onTable is not null)
                {
                    bySegment[QuantileCalibration.EventKey(segment, onEvent: true)] = onTable;
                }

                var offTable = Adjustments(members, levels, steps, options, weightOf, null, (o, t) => !onEvent(o, t), minimum: true);
                if (offTable is not null)
                {
                    bySegment[QuantileCalibration.EventKey(segment, onEvent: false)] = offTable;
                }
            }
        }

        var bounds = volumeOf is null ? [] : VolumeBounds(outcomes.Select(o => o.Key).Distinct().Select(volumeOf).ToList(), options.VolumeClasses);
        if (bounds.Length > 0)
        {
            foreach (var (segment, members, table) in groups)
            {
                foreach (var c in members.GroupBy(o => QuantileCalibration.ClassOf(bounds, volumeOf!(o.Key))))
                {
                    bySegment[QuantileCalibration.ClassKey(segment, c.Key)] = Adjustments(c.ToArray(), levels, steps, options, weightOf, table);
                }
            }
        }

        return new QuantileCalibration(levels, global, bySegment, options.NonNegative, options.Scaled, bounds, options.LocalScale);
    }

    /// <summary>
    /// A sku-node's volume for <see cref="ConformalOptions.VolumeClasses"/>: its mean demand per period over the last
    /// <paramref name="window"/> periods of <paramref name="series"/> (all of it when shorter).
    /// </summary>
    public static double Volume(DemandSeries series, int window)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var from = Math.Max(0, series.Length - window);
        double sum = 0;
        for (var i = from; i < series.Length; i++)
        {
            sum += series.Quantities[i];
        }

        return series.Length > from ? sum / (series.Length - from) : 0.0;
    }

    /// <summary>The bounds of K volume classes: the k/K empirical quantiles (k = 1..K-1) of the sku-nodes' volumes; empty for one class.</summary>
    private static double[] VolumeBounds(List<double> volumes, int classes)
    {
        if (classes == 1 || volumes.Count == 0)
        {
            return [];
        }

        volumes.Sort();
        return [.. Enumerable.Range(1, classes - 1).Select(i => volumes[(int)Math.Ceiling((double)i * volumes.Count / classes) - 1])];
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

    /// <summary>
    /// The weighted conformal quantile (Barber et al. 2023, eq. (11)): the level-<paramref name="p"/> quantile of the
    /// distribution putting mass w_i / (W + 1) on score i and 1 / (W + 1) on +infinity (the fresh point, weight 1), W the
    /// sum of the weights; the largest score when the quantile falls on +infinity. With every weight 1 it is
    /// <see cref="ConformalQuantile(IReadOnlyList{double}, double)"/>.
    /// </summary>
    public static double ConformalQuantile(IReadOnlyList<double> scores, IReadOnlyList<double> weights, double p)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(weights);
        if (scores.Count == 0 || weights.Count != scores.Count || weights.Any(w => !(w > 0) || double.IsInfinity(w)))
        {
            throw new ArgumentException("Weighted conformal quantile needs one finite positive weight per score, and scores.", nameof(weights));
        }

        // Ties in score broken by position, so that the result does not depend on the sort's stability.
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ThenBy(i => i).ToArray();
        var target = p * (weights.Sum() + 1.0);
        var cumulative = 0.0;
        foreach (var i in order)
        {
            cumulative += weights[i];
            if (cumulative >= target)
            {
                return scores[i];
            }
        }

        return scores[order[^1]];
    }

    private static double[,] Adjustments(IReadOnlyList<ForecastOutcome> outcomes, IReadOnlyList<QuantileLevel> levels, int steps, ConformalOptions options, Func<int, double> weightOf, double[,]? fallback) =>
        Adjustments(outcomes, levels, steps, options, weightOf, fallback, null, minimum: false)!;

    /// <summary>
    /// The adjustments from the scores of the periods <paramref name="include"/> admits (all when null); with
    /// <paramref name="minimum"/>, null when some level has fewer than <see cref="ConformalOptions.MinScores"/> of them.
    /// </summary>
    private static double[,]? Adjustments(IReadOnlyList<ForecastOutcome> outcomes, IReadOnlyList<QuantileLevel> levels, int steps, ConformalOptions options, Func<int, double> weightOf, double[,]? fallback, Func<ForecastOutcome, int, bool>? include, bool minimum)
    {
        var result = new double[steps, levels.Count];
        for (var j = 0; j < levels.Count; j++)
        {
            if (!options.AdjustMedian && levels[j].Value == 0.5)
            {
                continue;
            }

            var all = Scores(outcomes, j, null, options, weightOf, include);
            if (minimum && all.Values.Count < options.MinScores)
            {
                return null;
            }

            for (var t = 0; t < steps; t++)
            {
                var scores = options.PerStep ? Scores(outcomes, j, t, options, weightOf, include) : all;
                if (scores.Values.Count >= options.MinScores)
                {
                    result[t, j] = Quantile(scores, levels[j].Value);
                }
                else if (fallback is null && all.Values.Count > 0)
                {
                    result[t, j] = Quantile(all, levels[j].Value);
                }
                else if (fallback is not null)
                {
                    result[t, j] = all.Values.Count >= options.MinScores ? Quantile(all, levels[j].Value) : fallback[t, j];
                }
            }
        }

        return result;
    }

    private static double Quantile((List<double> Values, List<double>? Weights) scores, double p) =>
        scores.Weights is null ? ConformalQuantile(scores.Values, p) : ConformalQuantile(scores.Values, scores.Weights, p);

    /// <summary>
    /// The weight of an outcome's scores by its origin: 2^(-age / half-life), age = the origin's rank counted back from
    /// the newest origin in <paramref name="outcomes"/> (0 for the newest), so that origins H periods apart weigh
    /// 1, 1/2, 1/4, ... with a half-life of one origin.
    /// </summary>
    private static Func<int, double> OriginWeights(IReadOnlyList<ForecastOutcome> outcomes, double? halfLife)
    {
        if (halfLife is null)
        {
            return _ => 1.0;
        }

        var age = outcomes.Select(o => o.Origin).Distinct().OrderDescending().Select((origin, rank) => (origin, rank)).ToDictionary(p => p.origin, p => p.rank);
        return origin => Math.Pow(2.0, -age[origin] / halfLife.Value);
    }

    private static (List<double> Values, List<double>? Weights) Scores(IReadOnlyList<ForecastOutcome> outcomes, int level, int? step, ConformalOptions options, Func<int, double> weightOf, Func<ForecastOutcome, int, bool>? include)
    {
        var scores = new List<double>();
        var weights = new List<double>();
        var weighted = false;
        foreach (var o in outcomes)
        {
            var w = weightOf(o.Origin);
            for (var t = step ?? 0; t < (step is null ? o.Actuals.Length : Math.Min(step.Value + 1, o.Actuals.Length)); t++)
            {
                var scale = options.Scaled ? QuantileCalibration.ScaleAt(options.LocalScale, o.Levels, o.Quantiles, t) : 1.0;
                if (!double.IsNaN(o.Actuals[t]) && scale > 0 && (include is null || include(o, t)))
                {
                    scores.Add((o.Actuals[t] - o.Quantiles[t, level]) / scale);
                    weights.Add(w);
                    weighted |= w != 1.0;
                }
            }
        }

        return (scores, weighted ? weights : null);
    }
}
