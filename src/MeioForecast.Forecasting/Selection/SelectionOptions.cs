using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Calibration;
using MeioForecast.Forecasting.Global;

namespace MeioForecast.Forecasting.Selection;

/// <summary>Options of <see cref="SelectingForecaster"/>; null means the default for the data's period.</summary>
public sealed record SelectionOptions
{
    /// <summary>
    /// Per-sku-node choice or combination. Default <see cref="SelectionRule.PooledCombine"/>: per-node inverse-loss
    /// weights from a few backtest periods are noisy (orange juice: WSPL 0.206 against 0.170 for the GBDT alone), one
    /// pooled weight is not (docs/forecasting.md has the comparison).
    /// </summary>
    public SelectionRule Rule { get; init; } = SelectionRule.PooledCombine;

    /// <summary>Horizon of the one-origin selection backtest (the last periods of the data), periods. Default null = 28 (daily), 8 (weekly). Range &gt;= 1.</summary>
    public int? Horizon { get; init; }

    /// <summary>
    /// Origins K of the selection backtest, <see cref="Horizon"/> periods apart (the last one <see cref="Horizon"/>
    /// periods before the end of the data): the weights and the conformal scores pool K x Horizon periods per sku-node.
    /// Scores of one date are correlated across sku-nodes (a chain-wide promotion, the weather), so the calibration's
    /// effective sample is closer to the number of dates than to the number of scores, and one window's bias is
    /// carried into the next: 3 origins on both period kinds. Weekly: one 8-week window over-covered the held-out
    /// weeks of the orange-juice data by 5 pp, three came within 1.5 pp. Daily: one 28-day origin shifted Rossmann's
    /// February forecast by January's error (cov80 0.376 in that window), three held it at 0.810 over six windows
    /// (docs/forecasting.md), and data-samples held out at 4 origins missed its service target by 2.00 pp on average
    /// (4.64 at worst) with one origin, 1.18 (1.56) with three (docs/holdout.md). Each origin costs one more fit of
    /// every candidate. Default null = 3. Range 1..12.
    /// </summary>
    public int? Origins { get; init; }

    /// <summary>
    /// New-series rule: a sku-node with fewer periods of history is served by the fallback (method <c>fallback-new</c>).
    /// Default null = 56 (daily), 16 (weekly). Range &gt;= 1.
    /// </summary>
    public int? MinHistory { get; init; }

    /// <summary>
    /// Intermittent rule: a sku-node whose share of zero periods over the last <see cref="ZeroShareWindow"/> periods
    /// exceeds this is served by the fallback (method <c>fallback-intermittent</c>). Default 0.5. Range [0, 1].
    /// </summary>
    public double IntermittentZeroShare { get; init; } = 0.5;

    /// <summary>Window of the zero share, periods. Default null = 91 (daily), 26 (weekly). Range &gt;= 1.</summary>
    public int? ZeroShareWindow { get; init; }

    /// <summary>
    /// Levels scored in the selection backtest and calibrated; requested levels in between interpolate the adjustments.
    /// Default null = the levels the forecasts will be asked for (<see cref="ForecastTrainingData.Levels"/>), else
    /// 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95 (<see cref="GlobalGbdtOptions.DefaultLevels"/>).
    /// </summary>
    public IReadOnlyList<QuantileLevel>? Levels { get; init; }

    /// <summary>The levels scored and calibrated on <paramref name="data"/> (see <see cref="Levels"/>), ascending.</summary>
    public IReadOnlyList<QuantileLevel> LevelsFor(ForecastTrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Levels ?? data.Levels?.OrderBy(l => l.Value).ToArray() ?? [.. GlobalGbdtOptions.DefaultLevels.Select(l => new QuantileLevel(l))];
    }

    /// <summary>Signal whose 0 excludes a period from the selection and calibration scores (e.g. <c>open</c>). Default null = all periods.</summary>
    public string? ScoreMaskSignal { get; init; }

    /// <summary>Apply split-conformal adjustments fitted on the selection backtest's outcomes, per method group. Default true.</summary>
    public bool Calibrate { get; init; } = true;

    /// <summary>
    /// Conformal options (minimum scores, non-negative; Origins/Horizon unused here). Default: one adjustment for all
    /// steps (PerStep = false): the scores of a step share one date per origin, so per-step adjustments would follow
    /// that date's idiosyncrasies (a promotion, a holiday) rather than the horizon; normalised scores (Scaled = true), so
    /// that one table fits sku-nodes of every size, divided by the forecast's own 80% interval width (LocalScale = Width:
    /// over seven held-out windows of Walmart, orange juice and Rossmann it scored WSPL 0.9% lower on average than
    /// the forecast's level, 1.8-2.6% on Walmart, at about the same coverage; docs/forecasting.md). With
    /// <see cref="ConformalOptions.VolumeClasses"/> a sku-node's volume is its mean demand over the last
    /// <see cref="ZeroShareWindow"/> periods.
    /// </summary>
    public ConformalOptions Conformal { get; init; } = new() { PerStep = false, Scaled = true, LocalScale = ConformalScale.Width };

    /// <summary>
    /// These options with <paramref name="data"/>'s availability signal as the score mask and its promotion signal as the
    /// calibration's event signal where they name none.
    /// </summary>
    public SelectionOptions For(ForecastTrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var resolved = ScoreMaskSignal is null && data.AvailabilitySignal is { } signal ? this with { ScoreMaskSignal = signal } : this;
        return Conformal.EventSignal is null && data.PromotionSignal is { } promotion ? resolved with { Conformal = Conformal with { EventSignal = promotion } } : resolved;
    }

    /// <summary>The selection horizon for <paramref name="period"/>.</summary>
    public int HorizonFor(PeriodKind period) => Horizon ?? (period == PeriodKind.Day ? 28 : 8);

    /// <summary>The selection backtest's origins for <paramref name="period"/>.</summary>
    public int OriginsFor(PeriodKind period) => Origins ?? 3;

    /// <summary>The new-series threshold for <paramref name="period"/>.</summary>
    public int MinHistoryFor(PeriodKind period) => MinHistory ?? (period == PeriodKind.Day ? 56 : 16);

    /// <summary>The zero-share window for <paramref name="period"/>.</summary>
    public int ZeroShareWindowFor(PeriodKind period) => ZeroShareWindow ?? (period == PeriodKind.Day ? 91 : 26);

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Rule))
        {
            throw new ArgumentOutOfRangeException(nameof(Rule), Rule, "Rule must be Select or Combine.");
        }

        if (Horizon is < 1 || MinHistory is < 1 || ZeroShareWindow is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Horizon), "Horizon, MinHistory and ZeroShareWindow must be at least 1.");
        }

        if (Origins is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(Origins), Origins, "Origins must be in 1..12.");
        }

        if (IntermittentZeroShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IntermittentZeroShare), IntermittentZeroShare, "IntermittentZeroShare must be in [0, 1].");
        }

        if (Levels is not null && (Levels.Count == 0 || Levels.Zip(Levels.Skip(1)).Any(p => p.Second <= p.First)))
        {
            throw new ArgumentException("Levels must be strictly ascending and not empty.", nameof(Levels));
        }

        ArgumentNullException.ThrowIfNull(Conformal);
        Conformal.Validate();
    }
}
