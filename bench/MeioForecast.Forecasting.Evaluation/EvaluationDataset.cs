using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;

namespace MeioForecast.Forecasting.Evaluation;

/// <summary>A data set in our vocabulary plus what the shared protocol needs to score it.</summary>
/// <param name="Name">walmart or rossmann.</param>
/// <param name="Period">Week or day.</param>
/// <param name="Horizon">Holdout H (8 weeks, 28 days).</param>
/// <param name="SeasonLength">Seasonal naive m (52, 7).</param>
/// <param name="Series">Demand series, missing rows as zero, negatives clipped to zero, all ending at the last date.</param>
/// <param name="Observed">Raw observations aligned with each series (NaN = no row).</param>
/// <param name="Signals">Known-in-advance signals, history and holdout.</param>
/// <param name="ScoreMask">Signal whose zero masks scoring (rossmann: open), or null.</param>
internal sealed record EvaluationDataset(
    string Name,
    PeriodKind Period,
    int Horizon,
    int SeasonLength,
    IReadOnlyList<DemandSeries> Series,
    IReadOnlyDictionary<SkuNode, double[]> Observed,
    SignalTable Signals,
    string? ScoreMask);
