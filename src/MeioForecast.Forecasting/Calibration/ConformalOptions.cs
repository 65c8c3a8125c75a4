namespace MeioForecast.Forecasting.Calibration;

/// <summary>Options of <see cref="ConformalCalibrator"/> and <see cref="ConformalForecaster"/>.</summary>
public sealed record ConformalOptions
{
    /// <summary>Calibrate each horizon step separately. Default true.</summary>
    public bool PerStep { get; init; } = true;

    /// <summary>Fewest scores behind one (segment, step) adjustment; fewer pool all steps, then all segments. Default 30. Range &gt;= 1.</summary>
    public int MinScores { get; init; } = 30;

    /// <summary>Clip calibrated quantiles at zero (demand). Default true.</summary>
    public bool NonNegative { get; init; } = true;

    /// <summary>
    /// Normalised scores: divide each score y_t - q_p,t by the forecast's local scale at that period
    /// (<see cref="LocalScale"/>; by default its level, <see cref="QuantileCalibration.LevelAt"/>: (q0.5 + q0.9) / 2) and
    /// multiply the adjustment back by the local scale of the forecast it corrects, so that one table serves sku-nodes of
    /// every size and a promotion week's wide forecast gets a wide correction (locally weighted split conformal, Lei,
    /// G'Sell, Rinaldo, Tibshirani &amp; Wasserman 2018, JASA 113(523), sec. 5.2). Periods whose local scale is 0 are
    /// neither scored nor adjusted. Default false (additive in units).
    /// </summary>
    public bool Scaled { get; init; }

    /// <summary>
    /// The local scale of <see cref="Scaled"/> scores. <see cref="ConformalScale.Level"/> (default): the forecast's level
    /// (q0.5 + q0.9) / 2. <see cref="ConformalScale.Width"/>: the forecast's own 80% interval width q0.9 - q0.1 at that
    /// period (CQR-r, Sesia &amp; Candes 2020, "A comparison of some conformal quantile regression methods", Stat 9(1)
    /// e261; Kivaranovic, Johnson &amp; Leeb 2020, AISTATS), so that a sku-node the model already finds uncertain gets a
    /// wider correction than a steady one of the same size.
    /// </summary>
    public ConformalScale LocalScale { get; init; } = ConformalScale.Level;

    /// <summary>
    /// Half-life, in backtest origins, of the weight of older origins' scores (weighted conformal, Barber, Candes, Ramdas
    /// &amp; Tibshirani 2023): the newest origin's scores weigh 1, the one before 2^(-1 / half-life), and so on, so that
    /// the adjustment follows demand whose volatility drifts. Default null: every score weighs 1 (exchangeable).
    /// Range &gt; 0.
    /// </summary>
    public double? RecencyHalfLife { get; init; }

    /// <summary>
    /// Volume classes K (Mondrian conformal, Vovk, Gammerman &amp; Shafer 2005, "Algorithmic Learning in a Random World",
    /// sec. 4.5): the sku-nodes are split at the K-quantiles of their volume (mean demand per period over their recent
    /// history, <see cref="ConformalCalibrator.Volume"/>) and each class gets its own adjustments, so that coverage holds
    /// for small and big sku-nodes alike, not only on average: normalised scores of small sku-nodes are wider (relative
    /// noise shrinks with volume), so one table under-covers them and over-covers big ones. A class with fewer than
    /// <see cref="MinScores"/> scores takes its segment's adjustment. Needs the calibrator to be told each sku-node's
    /// volume. Default 1 (one class). Range 1..20.
    /// </summary>
    public int VolumeClasses { get; init; } = 1;

    /// <summary>
    /// Known-in-advance 0/1 signal (a promotion) whose periods at 1 get adjustments of their own (Mondrian conformal over
    /// a taxonomy of periods, Vovk, Gammerman &amp; Shafer 2005, sec. 4.5), the other periods theirs: when the forecast
    /// under-states promotion lifts, promotion periods' scores are wider than the others', and one table pooled over both
    /// under-covers promotions and over-covers the rest. A class with fewer than <see cref="MinScores"/> scores takes the
    /// pooled adjustment. With <see cref="VolumeClasses"/> too, a period's class takes precedence over its sku-node's
    /// volume class. Set from the input's <c>promotion_signal</c> where the options name none. Default null: one class
    /// of periods.
    /// </summary>
    public string? EventSignal { get; init; }

    /// <summary>
    /// Adjust the median (level 0.5) as every other level. Its adjustment is the backtest's median bias, and the scores
    /// of one backtest window share their dates: with one calibration origin (the daily default) it is one window's
    /// bias, carried into the next window whether or not that window repeats it. False: the median stays the
    /// model's; the other levels are adjusted. Default true.
    /// </summary>
    public bool AdjustMedian { get; init; } = true;

    /// <summary>Backtest origins K whose outcomes calibrate <see cref="ConformalForecaster"/>. Default 4. Range &gt;= 1.</summary>
    public int Origins { get; init; } = 4;

    /// <summary>Horizon of the calibration backtest; later steps reuse its last step. Default 8. Range &gt;= 1.</summary>
    public int Horizon { get; init; } = 8;

    /// <summary>Periods between calibration origins. Default null = the horizon. Range &gt;= 1.</summary>
    public int? Step { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (RecencyHalfLife is not null && !(RecencyHalfLife > 0 && !double.IsInfinity(RecencyHalfLife.Value)))
        {
            throw new ArgumentOutOfRangeException(nameof(RecencyHalfLife), RecencyHalfLife, "RecencyHalfLife must be a finite number above 0.");
        }

        if (VolumeClasses is < 1 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(VolumeClasses), VolumeClasses, "VolumeClasses must be in 1..20.");
        }

        if (MinScores < 1 || Origins < 1 || Horizon < 1 || Step is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinScores), "MinScores, Origins, Horizon and Step must be at least 1.");
        }
    }
}

/// <summary>The local scale a normalised conformal score is divided by (<see cref="ConformalOptions.LocalScale"/>).</summary>
public enum ConformalScale
{
    /// <summary>The forecast's level at that period, (q0.5 + q0.9) / 2 (<see cref="QuantileCalibration.LevelAt"/>).</summary>
    Level,

    /// <summary>The forecast's 80% interval width at that period, q0.9 - q0.1 (<see cref="QuantileCalibration.WidthAt"/>).</summary>
    Width,
}
