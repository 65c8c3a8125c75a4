using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;

namespace MeioForecast.Forecasting.Backtesting;

/// <summary>
/// Rolling-origin evaluation of any <see cref="IForecaster"/> (Tashman 2000, "Out-of-sample tests of forecasting
/// accuracy: an analysis and review", IJF 16): K origins, the last one h periods before the end of the data, each
/// s periods before the next; at each origin the forecaster is fitted on the history up to it and forecasts h periods
/// with the signals' known future; outcomes are scored with <see cref="ForecastMetrics"/> (M5 scale and weight taken
/// from the history up to the origin).
/// </summary>
public static class RollingOriginBacktester
{
    /// <summary>
    /// Runs the backtest. <paramref name="observed"/> optionally gives raw observations per sku-node, aligned with its
    /// series (same start, at least as long), NaN = unobserved: they are scored and scaled instead of the series
    /// quantities (a missing row is not a zero to score).
    /// </summary>
    public static BacktestResult Run(IForecaster forecaster, ForecastTrainingData data, BacktestOptions options, IReadOnlyDictionary<SkuNode, double[]>? observed = null)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var h = options.Horizon;
        var end = data.Series.Max(s => s.End);
        var outcomes = new List<ForecastOutcome>();
        var methods = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var request = new ForecastRequest(h, options.Levels, data.Signals);
        for (var i = 0; i < options.Origins; i++)
        {
            var cut = data.Period.Add(end, -(h + ((options.Origins - 1 - i) * options.EffectiveStep)));
            var byKey = data.Series.ToDictionary(s => s.Key);
            var forecasts = forecaster.Fit(Cut(data, cut, options.Seed)).Predict(request);
            foreach (var f in forecasts)
            {
                var series = byKey[f.Key];
                var values = observed is not null && observed.TryGetValue(f.Key, out var o) ? o : series.Quantities.ToArray();
                var n = data.Period.Between(series.Start, f.FirstDate);
                var history = values.Take(n).ToArray();
                var actuals = new double[h];
                for (var t = 0; t < h; t++)
                {
                    var index = n + t;
                    actuals[t] = index < values.Length ? values[index] : double.NaN;
                    if (options.ScoreMaskSignal is { } mask && data.Signals.TryGetValue(mask, series.DateAt(index), f.Key, out var flag) && flag == 0)
                    {
                        actuals[t] = double.NaN;
                    }
                }

                methods[f.Method] = methods.GetValueOrDefault(f.Method) + 1;
                outcomes.Add(new ForecastOutcome(f.Key, i, f.FirstDate, f.Levels, f.Quantiles, actuals, M5Scale.Of(history), M5Scale.Weight(history, options.WeightPeriods ?? h)));
            }
        }

        return new BacktestResult(forecaster.Name, outcomes, ForecastMetrics.Compute(outcomes), ForecastMetrics.PerSeries(outcomes), methods);
    }

    /// <summary>The origin dates of a run with <paramref name="options"/> on data ending at <paramref name="end"/>, oldest first.</summary>
    public static IReadOnlyList<DateOnly> Origins(PeriodKind period, DateOnly end, BacktestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. Enumerable.Range(0, options.Origins).Select(i => period.Add(end, -(options.Horizon + ((options.Origins - 1 - i) * options.EffectiveStep))))];
    }

    /// <summary>The history up to and including <paramref name="cut"/> (series that start later left out), fitted with <paramref name="seed"/>.</summary>
    public static ForecastTrainingData Cut(ForecastTrainingData data, DateOnly cut, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        var train = new List<DemandSeries>();
        foreach (var s in data.Series)
        {
            var n = data.Period.Between(s.Start, cut) + 1;
            if (n >= 1)
            {
                train.Add(new DemandSeries(s.Key, s.Period, s.Start, s.Quantities.Take(Math.Min(n, s.Length)).ToArray()));
            }
        }

        return data with { Series = train, Seed = seed };
    }
}
