using MeioForecast.Forecasting.Gbt;
using MeioForecast.Forecasting.Selection;

namespace MeioForecast.Forecasting.Global;

/// <summary>
/// Per-series TreeSHAP contributions of a fitted global GBDT (Lundberg, Erion &amp; Lee 2018, "Consistent individualized
/// feature attribution for tree ensembles", arXiv:1802.03888, path-dependent TreeSHAP; exact, O(L D^2) per tree and row)
/// to the forecast rows the model scored: origin = last period, horizons 1..H, the rows
/// <see cref="Features.DirectFeatureBuilder"/> builds. Contributions of the scaled target are multiplied by the series'
/// scale, so they are in units, and summed per feature group (the caller's map from the feature names the builder
/// reports to group names). Works on a <see cref="GlobalGbdtForecaster"/> model, and on a <see cref="SelectingForecaster"/>
/// model that holds one: there each series carries the GBDT's weight (0 for fallback routes or series another candidate
/// serves; those series are left out). Cost: series x H x levels x trees x O(L D^2).
/// </summary>
public static class GbdtForecastContributions
{
    /// <summary>
    /// The contributions of every series the GBDT serves with positive weight, at the lowest, the middle (closest to 0.5)
    /// and the highest trained level; empty when <paramref name="model"/> holds no global GBDT.
    /// </summary>
    public static IReadOnlyList<SeriesContributions> Compute(IForecastModel model, ForecastRequest request, Func<string, string> group)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(group);
        request.Validate();
        var (gbdt, weight) = Find(model);
        if (gbdt is null)
        {
            return [];
        }

        var builder = gbdt.Builder(request.Signals);
        if (!builder.Names.SequenceEqual(gbdt.FeatureNames))
        {
            throw new ArgumentException("The request's signals differ from the signals the model was trained with.", nameof(request));
        }

        var horizon = Math.Min(request.Horizon, builder.MaxHorizon);
        var models = Explained(gbdt.Quantiles);
        var names = builder.Names;
        var groups = names.Select(group).Distinct(StringComparer.Ordinal).ToArray();
        var groupOf = names.Select(n => Array.IndexOf(groups, group(n))).ToArray();
        var series = gbdt.Series;
        var result = new SeriesContributions?[series.Count];
        Parallel.For(0, series.Count, () => new double[names.Count], (s, _, row) =>
        {
            var w = weight(s);
            if (w <= 0)
            {
                return row;
            }

            var origin = series[s].Length - 1;
            var scale = builder.Scale(s, origin);
            var values = new double[models.Length][][];
            var baseValues = new double[models.Length][];
            for (var k = 0; k < models.Length; k++)
            {
                values[k] = new double[horizon][];
                baseValues[k] = new double[horizon];
            }

            for (var step = 0; step < horizon; step++)
            {
                builder.Fill(s, origin, step + 1, row);
                for (var k = 0; k < models.Length; k++)
                {
                    var phi = models[k].Contributions(row);
                    var byGroup = new double[groups.Length];
                    for (var f = 0; f < groupOf.Length; f++)
                    {
                        byGroup[groupOf[f]] += phi[f] * scale;
                    }

                    values[k][step] = byGroup;
                    baseValues[k][step] = phi[^1] * scale;
                }
            }

            result[s] = new SeriesContributions(series[s].Key, series[s].DateAt(series[s].Length), w, models.Select(m => m.Alpha).ToArray(), groups, values, baseValues);
            return row;
        }, _ => { });
        return result.Where(r => r is not null).Select(r => r!).ToArray();
    }

    /// <summary>The lowest, middle and highest level models (distinct ones only).</summary>
    private static GbdtModel[] Explained(MultiQuantileGbdtModel quantiles)
    {
        var models = quantiles.Models;
        var mid = models.OrderBy(m => Math.Abs(m.Alpha - 0.5)).ThenBy(m => m.Alpha).First();
        return new[] { models[0], mid, models[^1] }.Distinct().OrderBy(m => m.Alpha).ToArray();
    }

    private static (GlobalGbdtModel? Model, Func<int, double> Weight) Find(IForecastModel model)
    {
        switch (model)
        {
            case GlobalGbdtModel g:
                return (g, _ => 1.0);
            case SelectingModel selecting:
                for (var k = 0; k < selecting.Models.Count; k++)
                {
                    if (selecting.Models[k] is GlobalGbdtModel g)
                    {
                        var index = k;
                        return (g, s => selecting.Routes[s] == Routing.Model ? selecting.Weights[s][index] : 0.0);
                    }
                }

                return (null, _ => 0.0);
            default:
                return (null, _ => 0.0);
        }
    }
}
