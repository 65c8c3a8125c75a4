using MeioForecast.Core.Keys;

namespace MeioForecast.Forecasting.Backtesting;

/// <summary>What a rolling-origin backtest of one forecaster produced.</summary>
/// <param name="Model">The forecaster's name.</param>
/// <param name="Outcomes">Every scored forecast (sku-node x origin).</param>
/// <param name="Overall">Metrics over all outcomes.</param>
/// <param name="PerSeries">Metrics per sku-node over its origins.</param>
/// <param name="Methods">How many forecasts each method (e.g. a fallback) served.</param>
public sealed record BacktestResult(
    string Model,
    IReadOnlyList<ForecastOutcome> Outcomes,
    MetricSet Overall,
    IReadOnlyList<KeyValuePair<SkuNode, MetricSet>> PerSeries,
    IReadOnlyDictionary<string, int> Methods);
