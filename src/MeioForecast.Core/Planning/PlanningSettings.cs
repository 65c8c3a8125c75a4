using MeioForecast.Core.Keys;

namespace MeioForecast.Core.Planning;

/// <summary>The settings of a planning run (file settings.csv).</summary>
/// <param name="Period">Day or week: the unit of demand, lead times and service times.</param>
/// <param name="Horizon">Forecast horizon in periods (&gt;= 1); lead-time demand is available up to it.</param>
/// <param name="QuantileLevels">Quantile levels written to forecasts.csv, ascending, each in (0, 1).</param>
/// <param name="Seed">Seed of every random choice in the run (bagging, bootstrap, simulation).</param>
/// <param name="AvailabilitySignal">
/// The signal (in signals.csv) whose 0 says a period is not a demand observation: a closed shop's day, a week without a
/// record. Forecasting reads those periods as missing, not as zero demand, and scores no forecast on them. Null: every
/// period of the history is an observation.
/// </param>
/// <param name="PromotionSignal">
/// A known-in-advance signal (in signals.csv) above 0 in promotion periods (a deal flag, a promotion depth): the
/// forecast's calibration treats those periods as a class of their own, so that a forecast that under-states promotion
/// lifts is widened there and not everywhere. Null: one class of periods.
/// </param>
public sealed record PlanningSettings(PeriodKind Period, int Horizon, IReadOnlyList<QuantileLevel> QuantileLevels, int Seed, string? AvailabilitySignal = null, string? PromotionSignal = null);
