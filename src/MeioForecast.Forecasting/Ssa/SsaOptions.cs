using MeioForecast.Core.Planning;

namespace MeioForecast.Forecasting.Ssa;

/// <summary>
/// Options of <see cref="SsaForecaster"/>. Names follow ML.NET's ForecastBySsa where the concept is the same
/// (windowSize, seriesLength, trainSize, rank, maxRank; the horizon is in the <see cref="ForecastRequest"/>).
/// </summary>
public sealed record SsaOptions
{
    /// <summary>
    /// Window length L (ML.NET windowSize). Default null = from the period: weekly data 52 when the history has at least
    /// 2 x 52 periods, else half the history; daily data the largest multiple of 7 up to min(N/2, 364) (a year of weeks
    /// where the history allows, whole weeks otherwise). Range 2..N-1 (periods).
    /// </summary>
    public int? WindowSize { get; init; }

    /// <summary>
    /// Most recent periods held out from the eigenvectors to measure forecast errors: the validation grouping uses the
    /// eigenvectors of the history before them, and its forecasts from every origin inside them give the backtest rank
    /// choice, the <see cref="SsaDifferencing.Auto"/> choice, and (when <see cref="InSampleErrors"/> is false) the h-step
    /// errors behind the empirical quantiles. Default null = 26 (weekly) or 91 (daily); shortened
    /// so that at least L + 2 periods precede it. Range &gt;= 1.
    /// </summary>
    public int? SeriesLength { get; init; }

    /// <summary>
    /// Take the errors behind the quantiles from every in-sample origin (L + m onwards) with the full eigenvectors
    /// instead of the held-out origins only: many more errors (a whole seasonal cycle and more, so holiday weeks count),
    /// slightly optimistic for high ranks (calibrate with a conformal wrapper if that matters). Default true.
    /// </summary>
    public bool InSampleErrors { get; init; } = true;

    /// <summary>Most recent periods used to fit (ML.NET trainSize). Default null = the whole history. Range &gt;= 4.</summary>
    public int? TrainSize { get; init; }

    /// <summary>Decompose the series or its seasonal difference. Default <see cref="SsaDifferencing.Auto"/>.</summary>
    public SsaDifferencing Differencing { get; init; } = SsaDifferencing.Auto;

    /// <summary>
    /// Window length of the seasonal difference's decomposition. Default null = 13 (weekly: a quarter) or 28 (daily);
    /// capped at half the differenced history. A short window leaves many in-sample origins for the error quantiles.
    /// Range 2..N-1 (periods).
    /// </summary>
    public int? DifferencedWindowSize { get; init; }

    /// <summary>Lag m of the seasonal difference in periods. Default null = 52 (weekly) or 7 (daily). Range &gt;= 1.</summary>
    public int? SeasonalLag { get; init; }

    /// <summary>How the rank is chosen. Default <see cref="SsaRankSelection.Backtest"/>.</summary>
    public SsaRankSelection RankSelection { get; init; } = SsaRankSelection.Backtest;

    /// <summary>The rank r for <see cref="SsaRankSelection.Explicit"/>. Default null (required then). Range &gt;= 1.</summary>
    public int? Rank { get; init; }

    /// <summary>Largest rank considered (ML.NET maxRank). Default null = min(L/2, 30). Range &gt;= 1.</summary>
    public int? MaxRank { get; init; }

    /// <summary>Share of sum(lambda) for <see cref="SsaRankSelection.VarianceThreshold"/>. Default 0.9. Range (0, 1].</summary>
    public double VarianceThreshold { get; init; } = 0.9;

    /// <summary>Forecast steps scored when choosing the rank by backtest. Default null = 8 (weekly) or 28 (daily). Range &gt;= 1.</summary>
    public int? SelectionHorizon { get; init; }

    /// <summary>Relative tolerance of the parsimonious backtest rank choice. Default 0.02. Range [0, 1).</summary>
    public double RankTolerance { get; init; } = 0.02;

    /// <summary>Shortest history (periods) served by SSA; shorter series fall back to the baseline. Default 16. Range &gt;= 4.</summary>
    public int MinHistory { get; init; } = 16;

    /// <summary>Share of zero periods above which a series is intermittent and falls back to the baseline. Default 0.5. Range (0, 1].</summary>
    public double IntermittentZeroShare { get; init; } = 0.5;

    /// <summary>
    /// Known-in-advance signals regressed out before SSA (names in the signal table). Default null = every
    /// known-in-advance signal of the training data; empty = none.
    /// </summary>
    public IReadOnlyList<string>? Signals { get; init; }

    /// <summary>Ridge penalty of the signal regression on standardised signals, relative to N. Default 0.01. Range &gt;= 0.</summary>
    public double Ridge { get; init; } = 0.01;

    /// <summary>Fewest errors behind one step's empirical quantiles; steps with fewer pool the earlier steps. Default 10. Range &gt;= 1.</summary>
    public int MinErrors { get; init; } = 10;

    /// <summary>The default or explicit window length for a history of <paramref name="n"/> periods.</summary>
    public int EffectiveWindow(PeriodKind period, int n)
    {
        if (WindowSize is { } l)
        {
            return Math.Min(l, n - 1);
        }

        if (period == PeriodKind.Week)
        {
            return n >= 104 ? 52 : Math.Max(2, n / 2);
        }

        var weeks = Math.Min(n / 2, 364) / 7;
        return weeks >= 1 ? 7 * weeks : Math.Max(2, n / 2);
    }

    /// <summary>The default or explicit window length of a seasonal difference of <paramref name="n"/> periods.</summary>
    public int EffectiveDifferencedWindow(PeriodKind period, int n) =>
        Math.Max(2, Math.Min(DifferencedWindowSize ?? (period == PeriodKind.Week ? 13 : 28), n / 2));

    /// <summary>The default or explicit number of held-out periods.</summary>
    public int EffectiveSeriesLength(PeriodKind period) => SeriesLength ?? (period == PeriodKind.Week ? 26 : 91);

    /// <summary>The default or explicit selection horizon.</summary>
    public int EffectiveSelectionHorizon(PeriodKind period) => SelectionHorizon ?? (period == PeriodKind.Week ? 8 : 28);

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (WindowSize is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(WindowSize), WindowSize, "WindowSize must be at least 2.");
        }

        if (DifferencedWindowSize is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(DifferencedWindowSize), DifferencedWindowSize, "DifferencedWindowSize must be at least 2.");
        }

        if (SeasonalLag is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SeasonalLag), SeasonalLag, "SeasonalLag must be at least 1.");
        }

        if (SeriesLength is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SeriesLength), SeriesLength, "SeriesLength must be at least 1.");
        }

        if (TrainSize is < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(TrainSize), TrainSize, "TrainSize must be at least 4.");
        }

        if (Rank is < 1 || MaxRank is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Rank), Rank, "Rank and MaxRank must be at least 1.");
        }

        if (RankSelection == SsaRankSelection.Explicit && Rank is null)
        {
            throw new ArgumentException("RankSelection.Explicit needs Rank.", nameof(Rank));
        }

        if (!(VarianceThreshold > 0 && VarianceThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(VarianceThreshold), VarianceThreshold, "VarianceThreshold must lie in (0, 1].");
        }

        if (SelectionHorizon is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SelectionHorizon), SelectionHorizon, "SelectionHorizon must be at least 1.");
        }

        if (!(RankTolerance >= 0 && RankTolerance < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(RankTolerance), RankTolerance, "RankTolerance must lie in [0, 1).");
        }

        if (MinHistory < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(MinHistory), MinHistory, "MinHistory must be at least 4.");
        }

        if (!(IntermittentZeroShare > 0 && IntermittentZeroShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(IntermittentZeroShare), IntermittentZeroShare, "IntermittentZeroShare must lie in (0, 1].");
        }

        if (!(Ridge >= 0) || MinErrors < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Ridge), Ridge, "Ridge must be non-negative and MinErrors at least 1.");
        }
    }
}
