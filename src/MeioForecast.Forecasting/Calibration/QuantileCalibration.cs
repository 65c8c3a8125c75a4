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

    internal QuantileCalibration(IReadOnlyList<QuantileLevel> levels, double[,] global, IReadOnlyDictionary<string, double[,]> bySegment, bool nonNegative, bool scaled = false, IReadOnlyList<double>? volumeBounds = null, ConformalScale localScale = ConformalScale.Level)
    {
        LocalScale = localScale;
        VolumeBounds = volumeBounds ?? [];
        Levels = levels;
        Scaled = scaled;
        _global = global;
        _bySegment = bySegment;
        _nonNegative = nonNegative;
    }

    /// <summary>
    /// Ascending bounds of the sku-nodes' volume classes (<see cref="ConformalCalibrator.Volume"/>): a sku-node whose
    /// volume exceeds k bounds is in class k and takes the table <c>segment#k</c> when there is one (Mondrian conformal,
    /// Vovk et al. 2005). Stored with the calibration so that every shard classifies a sku-node alike. Empty: one class.
    /// </summary>
    public IReadOnlyList<double> VolumeBounds { get; }

    /// <summary>The volume class of a sku-node of volume <paramref name="volume"/>: how many <see cref="VolumeBounds"/> it exceeds.</summary>
    public int VolumeClassOf(double volume) => ClassOf(VolumeBounds, volume);

    /// <summary>The segment key of volume class <paramref name="volumeClass"/> within <paramref name="segment"/>.</summary>
    public static string ClassKey(string segment, int volumeClass) => $"{segment}#{volumeClass}";

    /// <summary>
    /// The segment key of the event periods (<paramref name="onEvent"/>) or the other periods of <paramref name="segment"/>
    /// (<see cref="ConformalOptions.EventSignal"/>).
    /// </summary>
    public static string EventKey(string segment, bool onEvent) => onEvent ? $"{segment}!event" : $"{segment}!other";

    internal static int ClassOf(IReadOnlyList<double> bounds, double volume)
    {
        var k = 0;
        while (k < bounds.Count && volume > bounds[k])
        {
            k++;
        }

        return k;
    }

    /// <summary>The adjustments of every sku-node without a segment table, [step, level].</summary>
    internal double[,] GlobalTable => _global;

    /// <summary>The adjustments per segment, [step, level].</summary>
    internal IReadOnlyDictionary<string, double[,]> SegmentTables => _bySegment;

    /// <summary>Whether calibrated quantiles are clipped at zero.</summary>
    internal bool NonNegative => _nonNegative;

    /// <summary>True when the adjustments are relative: multiplied by the forecast's local scale at that period (<see cref="LocalScale"/>).</summary>
    public bool Scaled { get; }

    /// <summary>The local scale of <see cref="Scaled"/> adjustments: the forecast's level or its 80% interval width.</summary>
    public ConformalScale LocalScale { get; }

    /// <summary>
    /// The level a normalised score of one period is divided by, and its adjustment multiplied by: (q0.5 + q0.9) / 2 of
    /// that period's forecast (interpolated linearly between the table's levels, nearest outside), so that it depends
    /// neither on the horizon requested nor on which other levels a forecast carries; positive for intermittent demand
    /// whose median is 0; never below 0.
    /// </summary>
    public static double LevelAt(IReadOnlyList<QuantileLevel> levels, double[,] quantiles, int step)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(quantiles);
        return Math.Max(0.0, (At(levels, quantiles, step, 0.5) + At(levels, quantiles, step, 0.9)) / 2);
    }

    /// <summary>
    /// The 80% interval width a <see cref="ConformalScale.Width"/> score of one period is divided by, and its
    /// adjustment multiplied by: q0.9 - q0.1 of that period's forecast (interpolated as in <see cref="LevelAt"/>);
    /// never below 0.
    /// </summary>
    public static double WidthAt(IReadOnlyList<QuantileLevel> levels, double[,] quantiles, int step)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(quantiles);
        return Math.Max(0.0, At(levels, quantiles, step, 0.9) - At(levels, quantiles, step, 0.1));
    }

    /// <summary>The local scale <paramref name="scale"/> of one period's forecast: <see cref="LevelAt"/> or <see cref="WidthAt"/>.</summary>
    public static double ScaleAt(ConformalScale scale, IReadOnlyList<QuantileLevel> levels, double[,] quantiles, int step) =>
        scale == ConformalScale.Width ? WidthAt(levels, quantiles, step) : LevelAt(levels, quantiles, step);

    /// <summary>The multiplier of the adjustments at <paramref name="step"/>: 1, or the forecast's local scale (<see cref="ScaleAt"/>) when <see cref="Scaled"/>.</summary>
    public double MultiplierFor(IReadOnlyList<QuantileLevel> levels, double[,] quantiles, int step) => Scaled ? ScaleAt(LocalScale, levels, quantiles, step) : 1.0;

    private static double At(IReadOnlyList<QuantileLevel> levels, double[,] q, int t, double p)
    {
        if (p <= levels[0].Value)
        {
            return q[t, 0];
        }

        for (var k = 1; k < levels.Count; k++)
        {
            if (p <= levels[k].Value)
            {
                var w = (p - levels[k - 1].Value) / (levels[k].Value - levels[k - 1].Value);
                return q[t, k - 1] + (w * (q[t, k] - q[t, k - 1]));
            }
        }

        return q[t, levels.Count - 1];
    }

    /// <summary>The calibrated levels.</summary>
    public IReadOnlyList<QuantileLevel> Levels { get; }

    /// <summary>Calibrated steps (later steps reuse the last).</summary>
    public int Steps => _global.GetLength(0);

    /// <summary>
    /// The adjustment added to level <paramref name="level"/> (index) at step <paramref name="step"/> (0-based) for a
    /// sku-node of <paramref name="segment"/> and volume class <paramref name="volumeClass"/> (null: the segment's
    /// table); a class without a table of its own takes the segment's, a segment without one the global.
    /// </summary>
    public double Adjustment(int step, int level, string segment = "", int? volumeClass = null, bool? onEvent = null)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var table = onEvent is not null && _bySegment.TryGetValue(EventKey(segment, onEvent.Value), out var e) ? e
            : volumeClass is not null && _bySegment.TryGetValue(ClassKey(segment, volumeClass.Value), out var c) ? c
            : _bySegment.TryGetValue(segment, out var s) ? s : _global;
        return table[Math.Min(step, table.GetLength(0) - 1), level];
    }

    /// <summary>
    /// Applies the adjustments to <paramref name="forecast"/> (whose levels must equal <see cref="Levels"/>) of a
    /// sku-node of <paramref name="segment"/> whose volume is <paramref name="volume"/> (null: no volume class);
    /// <paramref name="onEventAt"/> says which steps are event periods (null: no event classes).
    /// </summary>
    public SeriesForecast Apply(SeriesForecast forecast, string segment = "", double? volume = null, Func<int, bool>? onEventAt = null)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        if (!forecast.Levels.SequenceEqual(Levels))
        {
            throw new ArgumentException("The forecast's levels differ from the calibrated levels.", nameof(forecast));
        }

        var q = new double[forecast.Horizon, Levels.Count];
        var row = new double[Levels.Count];
        int? volumeClass = volume is not null && VolumeBounds.Count > 0 ? VolumeClassOf(volume.Value) : null;
        for (var t = 0; t < forecast.Horizon; t++)
        {
            var multiplier = MultiplierFor(forecast.Levels, forecast.Quantiles, t);
            for (var j = 0; j < row.Length; j++)
            {
                var v = forecast.Quantiles[t, j] + (multiplier * Adjustment(t, j, segment, volumeClass, onEventAt?.Invoke(t)));
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
