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

    internal QuantileCalibration(IReadOnlyList<QuantileLevel> levels, double[,] global, IReadOnlyDictionary<string, double[,]> bySegment, bool nonNegative)
    {
        Levels = levels;
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

    /// <summary>Applies the adjustments to <paramref name="forecast"/> (whose levels must equal <see cref="Levels"/>).</summary>
    public SeriesForecast Apply(SeriesForecast forecast, string segment = "")
    {
        ArgumentNullException.ThrowIfNull(forecast);
        if (!forecast.Levels.SequenceEqual(Levels))
        {
            throw new ArgumentException("The forecast's levels differ from the calibrated levels.", nameof(forecast));
        }

        var q = new double[forecast.Horizon, Levels.Count];
        var row = new double[Levels.Count];
        for (var t = 0; t < forecast.Horizon; t++)
        {
            for (var j = 0; j < row.Length; j++)
            {
                var v = forecast.Quantiles[t, j] + Adjustment(t, j, segment);
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
