namespace MeioForecast.Forecasting.Backtesting;

/// <summary>Bias of the median forecast, and the coverage of every level, over a set of scored points.</summary>
/// <param name="Points">Scored points.</param>
/// <param name="Bias">Mean of q0.5 - y, in units.</param>
/// <param name="MeanActual">Mean of y.</param>
/// <param name="Coverage">Per level (ascending), the share of points whose actual is at or below the level's quantile.</param>
public sealed record SegmentBias(int Points, double Bias, double MeanActual, IReadOnlyList<double> Coverage)
{
    /// <summary>Sum of (q0.5 - y) over sum of y: +0.10 = the median plans 10% above what happened (NaN when nothing sold).</summary>
    public double Relative => MeanActual != 0 ? Bias / MeanActual : double.NaN;
}
