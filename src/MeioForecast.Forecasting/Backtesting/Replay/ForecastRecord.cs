using System.Collections.Concurrent;

namespace MeioForecast.Forecasting.Backtesting.Replay;

/// <summary>
/// Predictions of a stage's candidates, keyed by <see cref="ForecastRecordKey"/>: filled by
/// <see cref="RecordingForecaster"/> during a live backtest, served by <see cref="ReplayForecaster"/> so that the
/// combination and calibration rules can be refitted without fitting any candidate again.
/// </summary>
public sealed class ForecastRecord
{
    private readonly ConcurrentDictionary<ForecastRecordKey, IReadOnlyList<SeriesForecast>> _entries = new();

    /// <summary>Every entry, ordered by end date, forecaster, horizon and levels (a stable order for files).</summary>
    public IReadOnlyList<KeyValuePair<ForecastRecordKey, IReadOnlyList<SeriesForecast>>> Entries =>
        [.. _entries.OrderBy(e => e.Key.End).ThenBy(e => e.Key.Forecaster, StringComparer.Ordinal).ThenBy(e => e.Key.Horizon).ThenBy(e => e.Key.Levels, StringComparer.Ordinal)];

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Stores the predictions of <paramref name="key"/> (a second prediction under the same key replaces the first: the fits are deterministic).</summary>
    public void Add(ForecastRecordKey key, IReadOnlyList<SeriesForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(forecasts);
        _entries[key] = forecasts;
    }

    /// <summary>Whether an entry exists.</summary>
    public bool Contains(ForecastRecordKey key) => _entries.ContainsKey(key);

    /// <summary>The predictions of <paramref name="key"/>, or a clear error naming what the record holds for that forecaster.</summary>
    public IReadOnlyList<SeriesForecast> Get(ForecastRecordKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_entries.TryGetValue(key, out var forecasts))
        {
            return forecasts;
        }

        var held = _entries.Keys.Where(k => k.Forecaster == key.Forecaster).Select(k => $"{k.End:yyyy-MM-dd} h={k.Horizon} [{k.Levels}]").Order(StringComparer.Ordinal);
        throw new InvalidOperationException(
            $"The record has no '{key.Forecaster}' forecast from {key.End:yyyy-MM-dd} (horizon {key.Horizon}, levels {key.Levels}); it holds: {string.Join("; ", held)}. Record again with the settings that need it.");
    }
}
