namespace MeioForecast.Forecasting;

/// <summary>
/// A forecasting algorithm with its options (the estimator, in ML.NET terms). <see cref="Fit"/> learns from history
/// and returns a new immutable <see cref="IForecastModel"/>; the forecaster itself holds no fitted state.
/// </summary>
public interface IForecaster
{
    /// <summary>Short method name written to outputs, e.g. <c>baseline</c>, <c>ssa</c>, <c>gbdt</c>.</summary>
    string Name { get; }

    /// <summary>Learns from the history in <paramref name="data"/>.</summary>
    IForecastModel Fit(ForecastTrainingData data);
}
