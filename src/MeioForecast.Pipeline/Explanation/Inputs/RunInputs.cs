using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Placement;

namespace MeioForecast.Pipeline.Explanation.Inputs;

/// <summary>
/// The inputs of a run's placement, per sku (explanation_inputs.json): what the next run mixes with its own to value
/// every coalition of the explanation game. Numbers are kept exactly (round-trip) so the mix of a run with itself
/// re-places it to the byte.
/// </summary>
/// <param name="Settings">The run's settings (period, horizon, quantile levels, seed: the service check's random numbers).</param>
/// <param name="Locations">The locations by id (their type tells suppliers from stocking nodes).</param>
/// <param name="Skus">Each sku's inputs by sku id.</param>
public sealed record RunInputs(PlanningSettings Settings, IReadOnlyDictionary<string, Location> Locations, IReadOnlyDictionary<string, SkuInputs> Skus)
{
    /// <summary>The inputs of every sku of <paramref name="plan"/>, with the run's served <paramref name="forecasts"/>.</summary>
    public static RunInputs From(NetworkPlan plan, IReadOnlyList<SeriesForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(forecasts);
        var own = forecasts.ToDictionary(f => f.Key);
        var skus = new SortedDictionary<string, SkuInputs>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var network in plan.Skus)
        {
            var lanes = network.Stages.SelectMany(s => network.Inbound(s.Key.Location)).Distinct().ToArray();
            var series = network.Nodes.Where(n => own.ContainsKey(n.Key)).Select(n => own[n.Key]).ToArray();
            skus[network.Sku] = new SkuInputs(network.Sku, network.Nodes, lanes, series);
            used.UnionWith(network.Nodes.Select(n => n.Key.Location));
            used.UnionWith(lanes.Select(l => l.From));
        }

        var locations = plan.Locations.Where(l => used.Contains(l.Key)).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        return new RunInputs(plan.Settings, locations, skus);
    }
}
