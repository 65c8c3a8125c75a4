using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Calibration;

namespace MeioForecast.Forecasting.Selection;

/// <summary>Options of <see cref="SelectingForecaster"/>; null means the default for the data's period.</summary>
public sealed record SelectionOptions
{
    /// <summary>
    /// Per-sku-node choice or weighted combination. Default <see cref="SelectionRule.Combine"/>: on data-samples (one
    /// origin, 28 days) it scored WSPL 0.242 against 0.247 for the per-node choice, which a single backtest origin makes noisy.
    /// </summary>
    public SelectionRule Rule { get; init; } = SelectionRule.Combine;

    /// <summary>Horizon of the one-origin selection backtest (the last periods of the data), periods. Default null = 28 (daily), 8 (weekly). Range &gt;= 1.</summary>
    public int? Horizon { get; init; }

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

    /// <summary>Levels scored in the selection backtest and calibrated; requested levels in between interpolate the adjustments. Default 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95.</summary>
    public IReadOnlyList<QuantileLevel> Levels { get; init; } = [new(0.05), new(0.1), new(0.25), new(0.5), new(0.75), new(0.9), new(0.95)];

    /// <summary>Signal whose 0 excludes a period from the selection and calibration scores (e.g. <c>open</c>). Default null = all periods.</summary>
    public string? ScoreMaskSignal { get; init; }

    /// <summary>Apply split-conformal adjustments fitted on the selection backtest's outcomes, per method group. Default true.</summary>
    public bool Calibrate { get; init; } = true;

    /// <summary>
    /// Conformal options (minimum scores, non-negative; Origins/Horizon unused here). Default: one adjustment for all
    /// steps (PerStep = false): with one backtest origin the scores of a step all share one date, so per-step adjustments
    /// would follow that date's idiosyncrasies (a promotion, a holiday) rather than the horizon.
    /// </summary>
    public ConformalOptions Conformal { get; init; } = new() { PerStep = false };

    /// <summary>The selection horizon for <paramref name="period"/>.</summary>
    public int HorizonFor(PeriodKind period) => Horizon ?? (period == PeriodKind.Day ? 28 : 8);

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

        if (IntermittentZeroShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IntermittentZeroShare), IntermittentZeroShare, "IntermittentZeroShare must be in [0, 1].");
        }

        ArgumentNullException.ThrowIfNull(Levels);
        if (Levels.Count == 0 || Levels.Zip(Levels.Skip(1)).Any(p => p.Second <= p.First))
        {
            throw new ArgumentException("Levels must be strictly ascending and not empty.", nameof(Levels));
        }

        ArgumentNullException.ThrowIfNull(Conformal);
        Conformal.Validate();
    }
}
