using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;

namespace MeioForecast.Forecasting;

/// <summary>What a forecaster learns from: demand histories of the sku-nodes and their exogenous signals.</summary>
/// <param name="Period">Day or week.</param>
/// <param name="Series">One demand series per sku-node, in sku-node order.</param>
/// <param name="Signals">Exogenous signals (may be <see cref="SignalTable.Empty"/>).</param>
/// <param name="Seed">Seed for every random choice made while fitting.</param>
/// <param name="Levels">
/// The quantile levels the forecasts will be asked for (the planning settings'), so that a forecaster learning one model
/// per level learns these; null: each forecaster's default levels.
/// </param>
/// <param name="AvailabilitySignal">
/// The input's signal whose 0 says a period is not a demand observation (the planning settings'): the stage's GBDT and
/// selection use it where their own options name none (<see cref="Global.GlobalGbdtOptions.AvailabilitySignal"/>,
/// <see cref="Selection.SelectionOptions.ScoreMaskSignal"/>). Null: every period is an observation.
/// </param>
/// <param name="PromotionSignal">
/// The input's signal above 0 in promotion periods (the planning settings'): the stage's calibration gives those
/// periods their own adjustments where its options name no event signal (<see cref="Calibration.ConformalOptions.EventSignal"/>).
/// Null: one class of periods.
/// </param>
public sealed record ForecastTrainingData(
    PeriodKind Period, IReadOnlyList<DemandSeries> Series, SignalTable Signals, int Seed = 0, IReadOnlyList<QuantileLevel>? Levels = null, string? AvailabilitySignal = null, string? PromotionSignal = null)
{
    /// <summary>The training data of a planning input: its demand and signals read with <paramref name="settings"/>.</summary>
    public static ForecastTrainingData Of(PlanningSettings settings, IReadOnlyList<DemandSeries> demand, SignalTable signals)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings.Period, demand, signals, settings.Seed, settings.QuantileLevels, settings.AvailabilitySignal, settings.PromotionSignal);
    }
}
