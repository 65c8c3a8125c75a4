namespace MeioForecast.Forecasting.Backtesting;

/// <summary>The scores of one held-out window of a multi-window backtest (<see cref="BacktestWindows"/>).</summary>
/// <param name="Window">k: the window ends k x step periods before the end of the data (0 = the latest).</param>
/// <param name="FirstDate">The first forecast date of the window.</param>
/// <param name="Levels">The quantile levels scored.</param>
/// <param name="Metrics">The shared protocol's metrics over the window's outcomes alone.</param>
/// <param name="All">Bias of the median over every scored point.</param>
/// <param name="On">Bias over the points whose segment signal is non-zero (null without a segment signal).</param>
/// <param name="Off">Bias over the points whose segment signal is zero or absent (null without a segment signal).</param>
public sealed record WindowScore(int Window, DateOnly FirstDate, IReadOnlyList<Core.Keys.QuantileLevel> Levels, MetricSet Metrics, SegmentBias All, SegmentBias? On, SegmentBias? Off);
