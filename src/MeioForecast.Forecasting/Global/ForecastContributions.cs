using MeioForecast.Core.Demand;
using MeioForecast.Forecasting.Gbt;
using MeioForecast.Forecasting.Selection;
using MeioForecast.Forecasting.Ssa;

namespace MeioForecast.Forecasting.Global;

/// <summary>
/// Per-series contributions of forecast features, by feature group, to the forecast a fitted model serves, for the
/// explanations' drill-down:
/// <list type="bullet">
/// <item>Global GBDT (<see cref="GlobalGbdtForecaster"/>): exact path-dependent TreeSHAP (Lundberg, Erion &amp; Lee
/// 2018, "Consistent individualized feature attribution for tree ensembles", arXiv:1802.03888; O(L D^2) per tree and
/// row) of each quantile model on the rows the model scored (origin = last period, horizons 1..H, the features of
/// <see cref="Features.DirectFeatureBuilder"/>), times the series scale (units), summed per group; the models' expected
/// value E[f] times the scale is the base.</item>
/// <item>SSA (<see cref="SsaForecaster"/>): the signal regression's terms beta_j (x_j,t - mean_j), which shift every
/// quantile alike: for an additive linear term these are its exact Shapley values against the training mean.</item>
/// </list>
/// A <see cref="SelectingForecaster"/> model weighs each candidate by its Vincentization weight for the series (0 on
/// fallback routes); a GBDT or SSA model alone has weight 1. A period such a model serves as zero because the
/// availability signal marks it 0 (a closed shop's day) has no contribution in any group and no base: the models' value
/// there is not demand, and leaving it would book its negative on the caller's residual. Groups come from the caller's map of the feature names the
/// builder reports (and of the signal names) to group names. Cost: series x H x 3 levels x trees x O(L D^2).
/// </summary>
public static class ForecastContributions
{
    private static readonly double[] DefaultLevels = [0.05, 0.5, 0.95];

    /// <summary>
    /// The contributions to every series some candidate serves with positive weight, at the lowest, the middle (closest
    /// to 0.5) and the highest trained GBDT level (0.05, 0.5, 0.95 without a GBDT); empty when the model holds neither
    /// a global GBDT nor SSA.
    /// </summary>
    public static IReadOnlyList<SeriesContributions> Compute(IForecastModel model, ForecastRequest request, Func<string, string> group)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(group);
        request.Validate();
        var (gbdt, gbdtWeight, ssa, ssaWeight) = Find(model);
        if (gbdt is null && ssa is null)
        {
            return [];
        }

        var builder = gbdt?.Builder(request.Signals);
        if (gbdt is not null && !builder!.Names.SequenceEqual(gbdt.FeatureNames))
        {
            throw new ArgumentException("The request's signals differ from the signals the model was trained with.", nameof(request));
        }

        var horizon = builder is null ? request.Horizon : Math.Min(request.Horizon, builder.MaxHorizon);
        var models = gbdt is null ? [] : Explained(gbdt.Quantiles);
        var names = builder?.Names ?? [];
        var groups = names.Select(group)
            .Concat(request.Signals.Kinds.Where(k => k.Value == SignalKind.KnownInAdvance).Select(k => group(k.Key)))
            .Distinct(StringComparer.Ordinal).ToArray();
        var index = groups.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i, StringComparer.Ordinal);
        var groupOf = names.Select(n => index[group(n)]).ToArray();
        var levels = models.Length > 0 ? models.Select(m => m.Alpha).ToArray() : DefaultLevels;
        IReadOnlyList<DemandSeries> series = gbdt?.Series ?? ssa!.Fits.Select(f => f.Series).ToArray();
        var result = new SeriesContributions?[series.Count];
        Parallel.For(0, series.Count, () => new double[names.Count], (s, _, row) =>
        {
            var wg = gbdt is null ? 0.0 : gbdtWeight(s);
            var ws = ssa is null ? 0.0 : ssaWeight(s);
            if (wg <= 0 && ws <= 0)
            {
                return row;
            }

            var values = new double[levels.Length][][];
            var baseValues = new double[levels.Length][];
            for (var k = 0; k < levels.Length; k++)
            {
                values[k] = Enumerable.Range(0, horizon).Select(_ => new double[groups.Length]).ToArray();
                baseValues[k] = new double[horizon];
            }

            if (wg > 0)
            {
                AddTreeShap(builder!, models, s, series[s].Length - 1, horizon, wg, groupOf, row, values, baseValues);
            }

            if (ws > 0)
            {
                var (signals, effects) = ssa!.Fits[s].SignalEffects(request.Signals, horizon);
                for (var j = 0; j < signals.Length; j++)
                {
                    var g = index[group(signals[j])];
                    for (var t = 0; t < horizon; t++)
                    {
                        foreach (var level in values)
                        {
                            level[t][g] += ws * effects[j][t];
                        }
                    }
                }
            }

            if (model is SelectingModel selecting)
            {
                for (var t = 0; t < horizon; t++)
                {
                    if (selecting.IsUnavailable(request.Signals, series[s].Key, series[s].DateAt(series[s].Length + t)))
                    {
                        for (var k = 0; k < levels.Length; k++)
                        {
                            Array.Clear(values[k][t]);
                            baseValues[k][t] = 0.0;
                        }
                    }
                }
            }

            result[s] = new SeriesContributions(series[s].Key, series[s].DateAt(series[s].Length), levels, groups, values, baseValues);
            return row;
        }, _ => { });
        return result.Where(r => r is not null).Select(r => r!).ToArray();
    }

    private static void AddTreeShap(
        Features.DirectFeatureBuilder builder, IQuantileTreeModel[] models, int s, int origin, int horizon, double weight, int[] groupOf, double[] row, double[][][] values, double[][] baseValues)
    {
        var scale = builder.Scale(s, origin) * weight;
        var columns = Enumerable.Range(0, row.Length).Select(_ => new double[horizon]).ToArray();
        for (var step = 0; step < horizon; step++)
        {
            builder.Fill(s, origin, step + 1, row);
            for (var f = 0; f < row.Length; f++)
            {
                columns[f][step] = row[f];
            }
        }

        // One call per model and series: LightGBM sets up its predictor once per call, not per row.
        var data = new GbdtDataset(builder.Names, columns);
        for (var k = 0; k < models.Length; k++)
        {
            var phi = models[k].Contributions(data, 1);
            for (var step = 0; step < horizon; step++)
            {
                for (var f = 0; f < groupOf.Length; f++)
                {
                    values[k][step][groupOf[f]] += phi[step][f] * scale;
                }

                baseValues[k][step] = phi[step][^1] * scale;
            }
        }
    }

    /// <summary>The lowest, middle and highest level models (distinct ones only).</summary>
    private static IQuantileTreeModel[] Explained(MultiQuantileGbdtModel quantiles)
    {
        var models = quantiles.Models;
        var mid = models.OrderBy(m => Math.Abs(m.Alpha - 0.5)).ThenBy(m => m.Alpha).First();
        return new[] { models[0], mid, models[^1] }.Distinct().OrderBy(m => m.Alpha).ToArray();
    }

    private static (GlobalGbdtModel? Gbdt, Func<int, double> GbdtWeight, SsaForecastModel? Ssa, Func<int, double> SsaWeight) Find(IForecastModel model)
    {
        static double One(int s) => 1.0;
        static double Zero(int s) => 0.0;
        switch (model)
        {
            case GlobalGbdtModel g:
                return (g, One, null, Zero);
            case SsaForecastModel ssa:
                return (null, Zero, ssa, One);
            case SelectingModel selecting:
                GlobalGbdtModel? gbdt = null;
                SsaForecastModel? ssaModel = null;
                Func<int, double> gw = Zero, sw = Zero;
                for (var k = 0; k < selecting.Models.Count; k++)
                {
                    var candidate = k;
                    double Weight(int s) => selecting.Routes[s] == Routing.Model ? selecting.Weights[s][candidate] : 0.0;
                    if (selecting.Models[k] is GlobalGbdtModel g && gbdt is null)
                    {
                        (gbdt, gw) = (g, Weight);
                    }
                    else if (selecting.Models[k] is SsaForecastModel m && ssaModel is null)
                    {
                        (ssaModel, sw) = (m, Weight);
                    }
                }

                return (gbdt, gw, ssaModel, sw);
            default:
                return (null, Zero, null, Zero);
        }
    }
}
