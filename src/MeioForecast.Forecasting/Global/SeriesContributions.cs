using MeioForecast.Core.Keys;

namespace MeioForecast.Forecasting.Global;

/// <summary>
/// TreeSHAP contributions of the GBDT quantile models to one series' forecast, by feature group, in units. For level k
/// and forecast step t: <c>Base[k][t] + sum over g of Values[k][t][g]</c> equals the model's raw prediction (scaled
/// back to units; before clipping at zero, rearrangement and interpolation to the requested levels).
/// </summary>
/// <param name="Key">The sku-node.</param>
/// <param name="FirstDate">Start date of forecast step 0.</param>
/// <param name="Weight">The GBDT's weight in the forecast served for the series (1 = GBDT alone, the Vincentization weight in a combination).</param>
/// <param name="Levels">The quantile levels explained, ascending (trained levels of the model).</param>
/// <param name="Groups">Feature group names, in the order of the last index of <paramref name="Values"/>.</param>
/// <param name="Values">Contributions [level][step][group], units.</param>
/// <param name="Base">The model's expected value [level][step] (TreeSHAP's E[f(x)]) times the series scale, units.</param>
public sealed record SeriesContributions(
    SkuNode Key,
    DateOnly FirstDate,
    double Weight,
    IReadOnlyList<double> Levels,
    IReadOnlyList<string> Groups,
    double[][][] Values,
    double[][] Base);
