namespace MeioForecast.Forecasting;

/// <summary>A fitted, immutable forecasting model (the transformer, in ML.NET terms).</summary>
public interface IForecastModel
{
    /// <summary>
    /// Forecasts <see cref="ForecastRequest.Horizon"/> periods after the end of each training series, at the requested
    /// quantile levels, using the future values of known-in-advance signals in the request. Throws
    /// <see cref="MissingFutureSignalException"/> when a signal the model uses has no value in the horizon.
    /// </summary>
    IReadOnlyList<SeriesForecast> Predict(ForecastRequest request);
}
