using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;

namespace MeioForecast.Forecasting.Baseline;

/// <summary>
/// The baseline forecaster: seasonal empirical quantiles. Over a recent window, the level is the mean, the seasonal
/// index of each cycle position is its mean over the level, and the forecast quantiles are the empirical quantiles
/// (Hyndman &amp; Fan 1996, type 7) of the de-seasonalised window values times the target period's index. Uses no signals.
/// A multiplicative seasonal-naive benchmark with non-Gaussian bands; every engine must beat it.
/// </summary>
public sealed class SeasonalEmpiricalForecaster : IForecaster
{
    private readonly SeasonalEmpiricalOptions _options;

    /// <summary>Creates the forecaster with validated options.</summary>
    public SeasonalEmpiricalForecaster(SeasonalEmpiricalOptions? options = null)
    {
        _options = options ?? new SeasonalEmpiricalOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => "baseline";

    /// <inheritdoc />
    public IForecastModel Fit(ForecastTrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var m = _options.SeasonLength ?? (data.Period == PeriodKind.Day ? 7 : 1);
        var window = _options.Window ?? (data.Period == PeriodKind.Day ? 8 * m : 26);
        var fits = data.Series.Select(s => FitOne(s, m, window)).ToArray();
        return new Model(fits, Name);
    }

    private static SeriesFit FitOne(DemandSeries series, int m, int window)
    {
        var n = Math.Min(window, series.Length);
        var first = series.Length - n;
        var sums = new double[m];
        var counts = new int[m];
        var total = 0.0;
        for (var i = first; i < series.Length; i++)
        {
            var k = Position(series.DateAt(i), series.Period, m);
            sums[k] += series.Quantities[i];
            counts[k]++;
            total += series.Quantities[i];
        }

        var level = n == 0 ? 0.0 : total / n;
        var index = new double[m];
        for (var k = 0; k < m; k++)
        {
            index[k] = level > 0 && counts[k] > 0 ? sums[k] / counts[k] / level : 1.0;
        }

        var scaled = new List<double>(n);
        for (var i = first; i < series.Length; i++)
        {
            var s = index[Position(series.DateAt(i), series.Period, m)];
            if (s > 0)
            {
                scaled.Add(series.Quantities[i] / s);
            }
        }

        scaled.Sort();
        return new SeriesFit(series, index, scaled.ToArray(), m);
    }

    private static int Position(DateOnly date, PeriodKind period, int m) => (int)((long)(date.DayNumber / period.Days()) % m);

    /// <summary>Empirical quantile of sorted values, Hyndman &amp; Fan (1996) type 7 (linear interpolation).</summary>
    internal static double EmpiricalQuantile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0.0;
        }

        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private sealed record SeriesFit(DemandSeries Series, double[] Index, double[] SortedScaled, int SeasonLength);

    private sealed class Model(IReadOnlyList<SeriesFit> fits, string method) : IForecastModel
    {
        public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            request.Validate();
            var result = new SeriesForecast[fits.Count];
            for (var s = 0; s < fits.Count; s++)
            {
                var fit = fits[s];
                var q = new double[request.Horizon, request.Levels.Count];
                for (var t = 0; t < request.Horizon; t++)
                {
                    var date = fit.Series.DateAt(fit.Series.Length + t);
                    var index = fit.Index[Position(date, fit.Series.Period, fit.SeasonLength)];
                    for (var j = 0; j < request.Levels.Count; j++)
                    {
                        q[t, j] = Math.Max(0.0, index * EmpiricalQuantile(fit.SortedScaled, request.Levels[j].Value));
                    }
                }

                result[s] = new SeriesForecast(fit.Series.Key, fit.Series.DateAt(fit.Series.Length), request.Levels, q, method);
            }

            return result;
        }
    }
}
