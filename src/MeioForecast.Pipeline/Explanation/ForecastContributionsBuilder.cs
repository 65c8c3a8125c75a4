using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Explainability.Drilldown;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Global;
using MeioForecast.Pipeline.Placement;

namespace MeioForecast.Pipeline.Explanation;

/// <summary>
/// Splits the lead-time demand each sku-node sees into the forecast's feature groups (forecast_contributions.csv), the
/// basis of the drill-down of the demand drivers (<see cref="DemandDetails"/>). Per series and forecast period, two
/// measures of the served forecast: <c>level</c> = its median, <c>spread</c> = its top minus bottom quantile, at the
/// levels the GBDT explains (<see cref="SeriesContributions.Levels"/>; 0.05, 0.5, 0.95 when no GBDT ran), read from the
/// final (combined, calibrated) quantiles by linear interpolation. Each is split exactly into
/// <list type="bullet">
/// <item>the feature groups and <c>model base</c> of <see cref="ForecastContributions"/>: the GBDT's TreeSHAP groups and
/// expected value times its weight w_gbdt in the Vincentized combination (1 when the GBDT serves the series alone, 0
/// for fallback series), plus SSA's signal-regression terms times w_ssa (a level shift: they cancel in the spread);</item>
/// <item><c>other models</c> = the measure minus that: SSA's own (signal-free) forecast, the fallback, conformal
/// calibration, rearrangement and clipping at zero.</item>
/// </list>
/// A node's measure per period adds the measures of its own series and of the nodes it supplies times the lane's quantity
/// per unit (as <see cref="NodeDemand"/> adds means), and is aggregated over the periods its buffer covers
/// (<see cref="PlacementBufferModel.CoveredPeriods"/>, each horizon period weighted L / H as in the demand bound:
/// <see cref="LeadTimeContributions"/>). The spread of a supplying node is the sum of its customers' spreads: a proxy of
/// the spread of the sum, used only to share the uncertainty driver out among groups. Per sku, so shards agree.
/// </summary>
public static class ForecastContributionsBuilder
{
    private static readonly double[] DefaultLevels = [0.05, 0.5, 0.95];

    /// <summary>The contributions of every sku-node of <paramref name="drivers"/>.</summary>
    public static IReadOnlyDictionary<SkuNode, NodeForecastContributions> Build(
        PlanningInput input, NetworkPlan plan, IReadOnlyList<SeriesForecast> forecasts, IReadOnlyList<SeriesContributions> contributions, IReadOnlyDictionary<SkuNode, NodeDrivers> drivers)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(drivers);
        var horizon = input.Settings.Horizon;
        var period = input.Settings.Period;
        var levels = contributions.Count > 0 ? contributions[0].Levels : DefaultLevels;
        var featureGroups = contributions.Count > 0 ? contributions[0].Groups : [];
        var groups = featureGroups.Append(ForecastFeatureGroups.ModelBase).Append(ForecastFeatureGroups.OtherModels).ToArray();
        var shap = contributions.ToDictionary(c => c.Key);
        var own = forecasts.ToDictionary(f => f.Key);
        var result = new SortedDictionary<SkuNode, NodeForecastContributions>();
        foreach (var network in plan.Skus)
        {
            var perNode = new Dictionary<string, (double[][] Level, double[][] Spread, DateOnly First)>(StringComparer.Ordinal);
            foreach (var location in network.CustomersFirst())
            {
                var key = network.Key(location);
                var level = Zeros(horizon, groups.Length);
                var spread = Zeros(horizon, groups.Length);
                DateOnly? first = null;
                if (own.TryGetValue(key, out var forecast))
                {
                    Series(forecast, shap.GetValueOrDefault(key), levels, featureGroups.Count, level, spread);
                    first = forecast.FirstDate;
                }

                foreach (var lane in network.Outbound(location))
                {
                    var child = perNode[lane.To];
                    AddScaled(level, child.Level, lane.QuantityPerUnit);
                    AddScaled(spread, child.Spread, lane.QuantityPerUnit);
                    first ??= child.First;
                }

                var start = first ?? period.Add(input.HistoryEnd, 1);
                perNode[location] = (level, spread, start);
                if (drivers.TryGetValue(key, out var d))
                {
                    var covered = PlacementBufferModel.CoveredPeriods(d);
                    var dates = Enumerable.Range(0, horizon).Select(t => period.Add(start, t)).ToArray();
                    result[key] = new NodeForecastContributions(
                        LeadTimeContributions.Aggregate(groups, level, dates, covered),
                        LeadTimeContributions.Aggregate(groups, spread, dates, covered));
                }
            }
        }

        return result;
    }

    /// <summary>Per-period groups of one series' two measures (last index: feature groups, model base, other models).</summary>
    private static void Series(SeriesForecast forecast, SeriesContributions? shap, IReadOnlyList<double> levels, int featureGroups, double[][] level, double[][] spread)
    {
        var lo = 0;
        var hi = levels.Count - 1;
        var mid = Enumerable.Range(0, levels.Count).OrderBy(k => Math.Abs(levels[k] - 0.5)).ThenBy(k => k).First();
        var p = forecast.Levels.Select(l => l.Value).ToArray();
        for (var t = 0; t < level.Length; t++)
        {
            var q = forecast.At(Math.Min(t, forecast.Horizon - 1));
            var finalLevel = Interpolate(p, q, levels[mid]);
            var finalSpread = Interpolate(p, q, levels[hi]) - Interpolate(p, q, levels[lo]);
            double gbdtLevel = 0, gbdtSpread = 0;
            if (shap is not null)
            {
                var s = Math.Min(t, shap.Base[0].Length - 1);
                for (var g = 0; g < featureGroups; g++)
                {
                    level[t][g] = shap.Values[mid][s][g];
                    spread[t][g] = shap.Values[hi][s][g] - shap.Values[lo][s][g];
                    gbdtLevel += level[t][g];
                    gbdtSpread += spread[t][g];
                }

                level[t][featureGroups] = shap.Base[mid][s];
                spread[t][featureGroups] = shap.Base[hi][s] - shap.Base[lo][s];
                gbdtLevel += level[t][featureGroups];
                gbdtSpread += spread[t][featureGroups];
            }

            level[t][featureGroups + 1] = finalLevel - gbdtLevel;
            spread[t][featureGroups + 1] = finalSpread - gbdtSpread;
        }
    }

    /// <summary>Linear interpolation of quantiles <paramref name="q"/> at levels <paramref name="p"/> (nearest outside).</summary>
    private static double Interpolate(double[] p, double[] q, double at)
    {
        if (at <= p[0])
        {
            return q[0];
        }

        for (var k = 1; k < p.Length; k++)
        {
            if (at <= p[k])
            {
                return q[k - 1] + ((at - p[k - 1]) / (p[k] - p[k - 1]) * (q[k] - q[k - 1]));
            }
        }

        return q[^1];
    }

    private static double[][] Zeros(int rows, int columns) => Enumerable.Range(0, rows).Select(_ => new double[columns]).ToArray();

    private static void AddScaled(double[][] target, double[][] source, double factor)
    {
        for (var t = 0; t < target.Length; t++)
        {
            for (var g = 0; g < target[t].Length; g++)
            {
                target[t][g] += factor * source[t][g];
            }
        }
    }
}
