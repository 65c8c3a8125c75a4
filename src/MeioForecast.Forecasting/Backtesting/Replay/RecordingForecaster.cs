using System.Collections.Concurrent;
using MeioForecast.Core.Demand;

namespace MeioForecast.Forecasting.Backtesting.Replay;

/// <summary>
/// Wraps a forecaster during a multi-window backtest: keeps each fit by the history it saw, so that a fit on the same
/// history (window k's inner backtest origin is window k + 2's scored origin when windows step half a horizon) is made
/// once, and, when a <see cref="ForecastRecord"/> is given, records every prediction under <see cref="ForecastRecordKey"/>.
/// Reusing a fit changes no number: a fit is a deterministic function of the history and the seed, and the key is the
/// content of both.
/// </summary>
public sealed class RecordingForecaster : IForecaster
{
    private readonly IForecaster _inner;
    private readonly ForecastRecord? _record;
    private readonly ConcurrentDictionary<(DateOnly End, int Seed, ulong Hash), Lazy<IForecastModel>> _fits = new();

    /// <summary>Creates the wrapper; <paramref name="record"/> null only reuses fits.</summary>
    public RecordingForecaster(IForecaster inner, ForecastRecord? record)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _record = record;
    }

    /// <inheritdoc />
    public string Name => _inner.Name;

    /// <summary>Number of distinct fits made.</summary>
    public int FitCount => _fits.Count;

    /// <inheritdoc />
    public IForecastModel Fit(ForecastTrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var end = data.Series.Max(s => s.End);

        // The signals are the same table within one backtest; the series content decides the fit.
        var fit = _fits.GetOrAdd((end, data.Seed, Hash(data.Series)), _ => new Lazy<IForecastModel>(() => _inner.Fit(data))).Value;
        return new Model(this, fit, end);
    }

    /// <summary>
    /// Records this forecaster's prediction at every origin of a backtest with <paramref name="options"/> on
    /// <paramref name="data"/> that the record lacks (a stage does not refit a candidate whose weight is 0), so that a
    /// replay under another rule finds it.
    /// </summary>
    public void RecordOrigins(ForecastTrainingData data, BacktestOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (_record is null)
        {
            return;
        }

        var request = new ForecastRequest(options.Horizon, options.Levels, data.Signals);
        var levels = ForecastRecordKey.LevelsText(options.Levels);
        foreach (var cut in RollingOriginBacktester.Origins(data.Period, data.Series.Max(s => s.End), options))
        {
            if (!_record.Contains(new ForecastRecordKey(Name, cut, options.Horizon, levels)))
            {
                Fit(RollingOriginBacktester.Cut(data, cut, options.Seed)).Predict(request);
            }
        }
    }

    /// <summary>FNV-1a over every series' key, start and quantities (bit patterns).</summary>
    private static ulong Hash(IReadOnlyList<DemandSeries> series)
    {
        var h = 14695981039346656037UL;
        void Mix(ulong v)
        {
            h ^= v;
            h *= 1099511628211UL;
        }

        foreach (var s in series)
        {
            foreach (var c in s.Key.Sku)
            {
                Mix(c);
            }

            Mix('@');
            foreach (var c in s.Key.Location)
            {
                Mix(c);
            }

            Mix((ulong)s.Start.DayNumber);
            foreach (var q in s.Quantities)
            {
                Mix((ulong)BitConverter.DoubleToInt64Bits(q));
            }
        }

        return h;
    }

    private sealed class Model(RecordingForecaster owner, IForecastModel inner, DateOnly end) : IForecastModel
    {
        public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            var forecasts = inner.Predict(request);
            owner._record?.Add(new ForecastRecordKey(owner.Name, end, request.Horizon, ForecastRecordKey.LevelsText(request.Levels)), forecasts);
            return forecasts;
        }
    }
}
