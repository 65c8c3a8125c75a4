using MeioForecast.Core.Keys;

namespace MeioForecast.Forecasting.Global;

/// <summary>
/// Contributions of forecast features to one series' served forecast, by feature group, in units, already weighted by
/// the candidates' weights (<see cref="ForecastContributions"/>). For level k and forecast step t,
/// <c>Base[k][t] + sum over g of Values[k][t][g]</c> = w_gbdt x the GBDT quantile model's raw prediction (units; before
/// clipping at zero, rearrangement and interpolation) + w_ssa x SSA's signal effect; the rest of the served quantile
/// (SSA's own forecast, fallback, calibration, rearrangement) is what these do not explain.
/// </summary>
/// <param name="Key">The sku-node.</param>
/// <param name="FirstDate">Start date of forecast step 0.</param>
/// <param name="Levels">The quantile levels explained, ascending (trained levels of the GBDT).</param>
/// <param name="Groups">Feature group names, in the order of the last index of <paramref name="Values"/>.</param>
/// <param name="Values">Contributions [level][step][group], units.</param>
/// <param name="Base">w_gbdt x the GBDT model's expected value (TreeSHAP's E[f(x)]) times the series scale [level][step], units.</param>
public sealed record SeriesContributions(
    SkuNode Key,
    DateOnly FirstDate,
    IReadOnlyList<double> Levels,
    IReadOnlyList<string> Groups,
    double[][][] Values,
    double[][] Base);
