using MeioForecast.Forecasting.Features;
using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Forecasting.Trained;

/// <summary>One fit of the global GBDT candidate made while a stage was trained (the final fit, or a backtest origin's).</summary>
/// <param name="Offset">Periods between the end of the data it was fitted on and the end of the training data (0 = the final fit).</param>
/// <param name="Model">The per-level quantile models.</param>
/// <param name="FeatureNames">The feature names, in column order.</param>
/// <param name="Vocabulary">The sku and location codes of its training series.</param>
public sealed record GlobalGbdtFit(int Offset, MultiQuantileGbdtModel Model, IReadOnlyList<string> FeatureNames, FeatureVocabulary Vocabulary);
