using MeioForecast.Core.Keys;

namespace MeioForecast.Forecasting.Backtesting;

/// <summary>One scored forecast: a sku-node's quantiles over a horizon from one origin, and what happened.</summary>
/// <param name="Key">The sku-node.</param>
/// <param name="Origin">Index of the backtest origin (0 = oldest).</param>
/// <param name="FirstDate">Date of the first forecast period.</param>
/// <param name="Levels">Quantile levels, ascending.</param>
/// <param name="Quantiles">Forecast [step, level].</param>
/// <param name="Actuals">Outcome per step; NaN = not scored (unobserved, or masked such as a closed store day).</param>
/// <param name="Scale">M5 scale of the in-sample history (<see cref="M5Scale.Of"/>); NaN or 0 leaves the unit out of SPL.</param>
/// <param name="Weight">M5 weight (<see cref="M5Scale.Weight"/>).</param>
public sealed record ForecastOutcome(SkuNode Key, int Origin, DateOnly FirstDate, IReadOnlyList<QuantileLevel> Levels, double[,] Quantiles, double[] Actuals, double Scale, double Weight);
