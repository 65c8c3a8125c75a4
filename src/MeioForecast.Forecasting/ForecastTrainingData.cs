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
public sealed record ForecastTrainingData(
    PeriodKind Period, IReadOnlyList<DemandSeries> Series, SignalTable Signals, int Seed = 0, IReadOnlyList<QuantileLevel>? Levels = null, string? AvailabilitySignal = null);
