using MeioForecast.Core.Keys;

namespace MeioForecast.Forecasting.Calibration;

/// <summary>
/// Additive conformal adjustments c[segment][step, level] fitted by <see cref="ConformalCalibrator"/>: a calibrated
/// quantile is q_p + c, then each period's quantiles are sorted (monotone rearrangement, Chernozhukov,
/// Fernandez-Val &amp; Galichon 2010, Econometrica 78) and clipped at zero when the options say so.
/// </summary>
public sealed class QuantileCalibration
{
    private readonly IReadOnlyDictionary<string, double[,]> _bySegment;
    private readonly double[,] _global;
    private readonly bool _nonNegative;

    internal QuantileCalibration(IReadOnlyList<QuantileLevel> levels, double[,] global, IReadOnlyDictionary<string, double[,]> bySegment, bool nonNegative, bool scaled = false)
    {
        Levels = levels;
        Scaled = scaled;
        _global = global;
        _bySegment = bySegment;
        _nonNegative = nonNegative;
    }

    /// <summary>The adjustments of every sku-node without a segment table, [step, level].</summary>
    internal double[,] GlobalTable => _global;

    /// <summary>The adjustments per segment, [step, level].</summary>
    internal IReadOnlyDictionary<string, double[,]> SegmentTables => _bySegment;

    /// <summary>Whether calibrated quantiles are clipped at zero.</summary>
    internal bool NonNegative => _nonNegative;

    /// <summary>True when the adjustments are relative: multiplied by the sku-node's recent volume (<see cref="MultiplierFor"/>).</summary>
    public bool Scaled { get; }

    /// <summary>
    /// The multiplier of the adjustments for a sku-node whose recent volume is <paramref name="seriesScale"/> (sum of
    /// |y| over the last H periods of its history, <see cref="Backtesting.M5Scale.Weight"/>, H = the calibration
    /// backtest's horizon): 1 for additive adjustments; the volume when <see cref="Scaled"/> (0 when it is not positive:
    /// a sku-node without recent demand gets no adjustment).
    /// </summary>
    public double MultiplierFor(double seriesScale) => !Scaled ? 1.0 : seriesScale > 0 ? seriesScale : 0.0;

    /// <summary>The calibrated levels.</summary>
    public IReadOnlyList<QuantileLevel> Levels { get; }

    /// <summary>Calibrated steps (later steps reuse the last).</summary>
    public int Steps => _global.GetLength(0);

    /// <summary>The adjustment added to level <paramref name="level"/> (index) at step <paramref name="step"/> (0-based).</summary>
    public double Adjustment(int step, int level, string segment = "")
    {
        var table = _bySegment.TryGetValue(segment, out var s) ? s : _global;
        return table[Math.Min(step, table.GetLength(0) - 1), level];
    }

    /// <summary>
    /// Applies the adjustments to <paramref name="forecast"/> (whose levels must equal <see cref="Levels"/>);
    /// <paramref name="seriesScale"/> is the recent volume of the history the forecast starts from (used when <see cref="Scaled"/>).
    /// </summary>
    public SeriesForecast Apply(SeriesForecast forecast, string segment = "", double seriesScale = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        if (!forecast.Levels.SequenceEqual(Levels))
        {
            throw new ArgumentException("The forecast's levels differ from the calibrated levels.", nameof(forecast));
        }

        var q = new double[forecast.Horizon, Levels.Count];
        var row = new double[Levels.Count];
        var multiplier = MultiplierFor(seriesScale);
        for (var t = 0; t < forecast.Horizon; t++)
        {
            for (var j = 0; j < row.Length; j++)
            {
                var v = forecast.Quantiles[t, j] + (multiplier * Adjustment(t, j, segment));
                row[j] = _nonNegative ? Math.Max(0.0, v) : v;
            }

            Array.Sort(row);
            for (var j = 0; j < row.Length; j++)
            {
                q[t, j] = row[j];
            }
        }

        return new SeriesForecast(forecast.Key, forecast.FirstDate, forecast.Levels, q, forecast.Method + "+conformal");
    }
}
