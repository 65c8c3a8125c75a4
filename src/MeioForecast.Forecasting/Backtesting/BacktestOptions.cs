using MeioForecast.Core.Keys;

namespace MeioForecast.Forecasting.Backtesting;

/// <summary>Options of <see cref="RollingOriginBacktester"/> (Tashman 2000, IJF 16: rolling-origin evaluation).</summary>
public sealed record BacktestOptions
{
    /// <summary>Number of forecast origins K. Default 1. Range &gt;= 1.</summary>
    public int Origins { get; init; } = 1;

    /// <summary>Forecast horizon h in periods. Default 8. Range &gt;= 1.</summary>
    public int Horizon { get; init; } = 8;

    /// <summary>Periods between consecutive origins s. Default null = the horizon. Range &gt;= 1.</summary>
    public int? Step { get; init; }

    /// <summary>Quantile levels scored. Default 0.05, 0.1, 0.5, 0.9, 0.95 (the shared protocol).</summary>
    public IReadOnlyList<QuantileLevel> Levels { get; init; } = [new(0.05), new(0.1), new(0.5), new(0.9), new(0.95)];

    /// <summary>
    /// Optional signal that masks scoring: holdout periods where it is 0 are not scored (e.g. <c>open</c> for stores
    /// scored on open days only). Default null = every period scored.
    /// </summary>
    public string? ScoreMaskSignal { get; init; }

    /// <summary>Recent observed periods whose |demand| sum is the M5 weight. Default null = the horizon. Range &gt;= 1.</summary>
    public int? WeightPeriods { get; init; }

    /// <summary>Seed passed to every fit. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>The step between origins.</summary>
    public int EffectiveStep => Step ?? Horizon;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (Origins < 1 || Horizon < 1 || Step is < 1 || WeightPeriods is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Origins), "Origins, Horizon, Step and WeightPeriods must be at least 1.");
        }

        if (Levels.Count == 0)
        {
            throw new ArgumentException("At least one quantile level is needed.", nameof(Levels));
        }
    }
}
