using MeioForecast.Core.Keys;

namespace MeioForecast.Forecasting.Backtesting;

/// <summary>
/// Computes <see cref="MetricSet"/>s from scored forecasts, following the M5 uncertainty competition's definitions
/// (Makridakis, Spiliotis, Assimakopoulos, Chen, Gaba, Tsetlin &amp; Winkler 2022, "The M5 uncertainty competition",
/// IJF 38(4)): pinball loss per level, scaled by the in-sample mean absolute first difference, weighted by recent sales.
/// </summary>
public static class ForecastMetrics
{
    /// <summary>Metrics over all <paramref name="outcomes"/> (all of them must share the same levels).</summary>
    public static MetricSet Compute(IReadOnlyList<ForecastOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            throw new ArgumentException("No outcomes to score.", nameof(outcomes));
        }

        var levels = outcomes[0].Levels;
        var j = levels.Count;
        var pinball = new double[j];
        var below = new double[j];
        var splSum = new double[j];
        var splUnits = 0;
        var wsplNum = 0.0;
        var wsplDen = 0.0;
        var pairs = Pairs(levels);
        var inside = new double[pairs.Count];
        var width = new double[pairs.Count];
        var median = levels.ToList().FindIndex(l => l.Value == 0.5);
        double crps = 0, bias = 0, weight = 0;
        var points = 0;
        foreach (var o in outcomes)
        {
            if (!o.Levels.SequenceEqual(levels))
            {
                throw new ArgumentException("All outcomes must share the same quantile levels.", nameof(outcomes));
            }

            weight += o.Weight;
            var unit = new double[j];
            var unitPoints = 0;
            var row = new double[j];
            for (var t = 0; t < o.Actuals.Length; t++)
            {
                var y = o.Actuals[t];
                if (double.IsNaN(y))
                {
                    continue;
                }

                unitPoints++;
                for (var k = 0; k < j; k++)
                {
                    row[k] = o.Quantiles[t, k];
                    var loss = QuantileLoss.Pinball(y, row[k], levels[k].Value);
                    pinball[k] += loss;
                    unit[k] += loss;
                    below[k] += y <= row[k] ? 1 : 0;
                }

                for (var p = 0; p < pairs.Count; p++)
                {
                    var (lo, hi) = pairs[p];
                    inside[p] += y >= row[lo] && y <= row[hi] ? 1 : 0;
                    width[p] += row[hi] - row[lo];
                }

                crps += QuantileLoss.Crps(y, row, levels);
                bias += median >= 0 ? row[median] - y : double.NaN;
            }

            points += unitPoints;
            if (unitPoints > 0 && double.IsFinite(o.Scale) && o.Scale > 0)
            {
                var spl = 0.0;
                for (var k = 0; k < j; k++)
                {
                    var s = unit[k] / unitPoints / o.Scale;
                    splSum[k] += s;
                    spl += s / j;
                }

                splUnits++;
                wsplNum += o.Weight * spl;
                wsplDen += o.Weight;
            }
        }

        var scaled = splSum.Select(s => splUnits == 0 ? double.NaN : s / splUnits).ToArray();
        return new MetricSet
        {
            Points = points,
            Pinball = pinball.Select(s => s / points).ToArray(),
            ScaledPinball = scaled,
            Spl = scaled.Average(),
            Wspl = wsplDen > 0 ? wsplNum / wsplDen : double.NaN,
            Coverage = below.Select(s => s / points).ToArray(),
            Intervals = pairs.Select((p, i) => new IntervalMetric(levels[p.Lo].Value, levels[p.Hi].Value, inside[i] / points, width[i] / points)).ToArray(),
            Crps = crps / points,
            Bias = bias / points,
            Weight = weight,
        };
    }

    /// <summary>Metrics per sku-node (over its origins), in sku-node order.</summary>
    public static IReadOnlyList<KeyValuePair<SkuNode, MetricSet>> PerSeries(IReadOnlyList<ForecastOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return outcomes.GroupBy(o => o.Key)
            .OrderBy(g => g.Key)
            .Where(g => g.Any(o => o.Actuals.Any(y => !double.IsNaN(y))))
            .Select(g => KeyValuePair.Create(g.Key, Compute(g.ToArray())))
            .ToArray();
    }

    /// <summary>Index pairs (lo, hi) of levels with p_lo + p_hi = 1, p_lo &lt; 0.5, widest first.</summary>
    private static List<(int Lo, int Hi)> Pairs(IReadOnlyList<QuantileLevel> levels)
    {
        var pairs = new List<(int, int)>();
        for (var lo = 0; lo < levels.Count; lo++)
        {
            for (var hi = levels.Count - 1; hi > lo; hi--)
            {
                if (levels[lo].Value < 0.5 && Math.Abs(levels[lo].Value + levels[hi].Value - 1) < 1e-9)
                {
                    pairs.Add((lo, hi));
                }
            }
        }

        return pairs;
    }
}
