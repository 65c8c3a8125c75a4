using MeioForecast.Core.Keys;
using MeioForecast.Forecasting.Baseline;

namespace MeioForecast.Forecasting.Backtesting;

/// <summary>
/// Seasonal naive with empirical residual quantiles, exactly as the shared evaluation protocol's peer
/// (shared/peers/sklearn_quantile_baseline.py, after Hyndman &amp; Athanasopoulos, "Forecasting: Principles and
/// Practice", 3rd ed., Sec. 5.2 and 5.5): for step h and k = ceil(h/m), the base is y_{T+h-km} (the last observed
/// value when that is missing) and quantile p is base + the empirical p-quantile (Hyndman &amp; Fan 1996 type 7) of
/// the series' in-sample km-step differences y_t - y_{t-km}, pooled over all series when a series has fewer than
/// <c>minResiduals</c> of them. A benchmark on raw observations (NaN = unobserved), used to validate the metrics
/// against the published seasonal naive figures; not an <see cref="IForecaster"/>.
/// </summary>
public static class SeasonalNaiveBenchmark
{
    /// <summary>
    /// Forecasts <paramref name="horizon"/> periods after the end of each history (all histories end at the origin;
    /// NaN = unobserved). Returns [step, level] per series; NaN quantiles (no base at all) become 0.
    /// </summary>
    public static double[][,] Forecast(IReadOnlyList<IReadOnlyList<double>> histories, int seasonLength, int horizon, IReadOnlyList<QuantileLevel> levels, int minResiduals = 10)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(levels);
        var ks = Enumerable.Range(1, horizon).Select(h => (h + seasonLength - 1) / seasonLength).Distinct().ToArray();
        var own = new Dictionary<int, double[]?[]>();
        var pooled = new Dictionary<int, double[]>();
        foreach (var k in ks)
        {
            var lag = k * seasonLength;
            var all = new List<double>();
            var per = new double[]?[histories.Count];
            for (var s = 0; s < histories.Count; s++)
            {
                var y = histories[s];
                var r = new List<double>();
                for (var t = lag; t < y.Count; t++)
                {
                    var d = y[t] - y[t - lag];
                    if (!double.IsNaN(d))
                    {
                        r.Add(d);
                    }
                }

                all.AddRange(r);
                per[s] = r.Count >= minResiduals ? Quantiles(r, levels) : null;
            }

            own[k] = per;
            pooled[k] = Quantiles(all, levels);
        }

        var result = new double[histories.Count][,];
        for (var s = 0; s < histories.Count; s++)
        {
            var y = histories[s];
            var last = double.NaN;
            for (var t = y.Count - 1; t >= 0; t--)
            {
                if (!double.IsNaN(y[t]))
                {
                    last = y[t];
                    break;
                }
            }

            var q = new double[horizon, levels.Count];
            for (var h = 1; h <= horizon; h++)
            {
                var k = (h + seasonLength - 1) / seasonLength;
                var index = y.Count - 1 + h - (k * seasonLength);
                var b = index >= 0 && index < y.Count && !double.IsNaN(y[index]) ? y[index] : last;
                var offsets = own[k][s] ?? pooled[k];
                for (var j = 0; j < levels.Count; j++)
                {
                    var v = b + offsets[j];
                    q[h - 1, j] = double.IsNaN(v) ? 0.0 : v;
                }
            }

            result[s] = q;
        }

        return result;
    }

    private static double[] Quantiles(List<double> values, IReadOnlyList<QuantileLevel> levels)
    {
        var sorted = values.Order().ToArray();
        return levels.Select(l => sorted.Length == 0 ? double.NaN : SeasonalEmpiricalForecaster.EmpiricalQuantile(sorted, l.Value)).ToArray();
    }
}
