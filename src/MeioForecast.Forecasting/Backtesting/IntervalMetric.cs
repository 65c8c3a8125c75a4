namespace MeioForecast.Forecasting.Backtesting;

/// <summary>Central interval [q_lower, q_upper] of two levels with lower + upper = 1: nominal coverage upper - lower.</summary>
/// <param name="Lower">Lower level, e.g. 0.1.</param>
/// <param name="Upper">Upper level, e.g. 0.9.</param>
/// <param name="Coverage">Share of scored outcomes inside the interval (bounds included).</param>
/// <param name="Width">Mean width q_upper - q_lower over scored points.</param>
public sealed record IntervalMetric(double Lower, double Upper, double Coverage, double Width)
{
    /// <summary>The nominal coverage, upper - lower.</summary>
    public double Nominal => Upper - Lower;
}
