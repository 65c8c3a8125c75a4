namespace MeioForecast.Forecasting.Backtesting.Replay;

/// <summary>
/// A candidate served from a <see cref="ForecastRecord"/>: "fitting" on a history returns the predictions recorded for
/// the forecaster <paramref name="name"/> from the same end date, so a stage built on replayed candidates refits only
/// its combination and calibration rules. The record must come from the same input (the sku-nodes in the same order).
/// </summary>
public sealed class ReplayForecaster(string name, ForecastRecord record) : IForecaster
{
    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public IForecastModel Fit(ForecastTrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new Model(name, record, data);
    }

    private sealed class Model(string name, ForecastRecord record, ForecastTrainingData data) : IForecastModel
    {
        public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            var end = data.Series.Max(s => s.End);
            var forecasts = record.Get(new ForecastRecordKey(name, end, request.Horizon, ForecastRecordKey.LevelsText(request.Levels)));
            if (forecasts.Count != data.Series.Count || forecasts.Select(f => f.Key).Where((k, i) => k != data.Series[i].Key).Any())
            {
                throw new InvalidOperationException(
                    $"The record's '{name}' forecast from {end:yyyy-MM-dd} covers {forecasts.Count} sku-nodes, the input {data.Series.Count} (or in another order): was it recorded on another input?");
            }

            return forecasts;
        }
    }
}
