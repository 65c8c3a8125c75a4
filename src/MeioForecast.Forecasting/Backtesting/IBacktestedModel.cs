namespace MeioForecast.Forecasting.Backtesting;

/// <summary>
/// A fitted model that kept the rolling-origin backtest it was chosen on: what it would have served at each origin and
/// what happened, so that a caller can replay its out-of-sample errors (the service check's replayed draws, issue 28)
/// instead of backtesting it again.
/// </summary>
public interface IBacktestedModel : IForecastModel
{
    /// <summary>
    /// Per sku-node and backtest origin, the forecast as the model would have served it then (combined and calibrated
    /// as its final forecasts are, with the calibration fitted without that origin when there are others) and the actuals.
    /// Empty when the model was fitted without a backtest (e.g. a registered model with fixed weights and calibration).
    /// </summary>
    IReadOnlyList<ForecastOutcome> HeldOut { get; }
}
