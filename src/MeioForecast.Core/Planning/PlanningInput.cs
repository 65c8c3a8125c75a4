using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;

namespace MeioForecast.Core.Planning;

/// <summary>Everything one planning run reads: settings, network, sku-node parameters, demand history and signals.</summary>
/// <param name="Settings">Run settings.</param>
/// <param name="Locations">Locations by id.</param>
/// <param name="Lanes">Replenishment lanes.</param>
/// <param name="SkuNodes">Parameters of every planned sku-node, in <see cref="SkuNode"/> order.</param>
/// <param name="Demand">Demand history of the sku-nodes that face customers, in <see cref="SkuNode"/> order.</param>
/// <param name="Signals">Exogenous signals, history and (for known-in-advance ones) future.</param>
public sealed record PlanningInput(
    PlanningSettings Settings,
    IReadOnlyDictionary<string, Location> Locations,
    IReadOnlyList<Lane> Lanes,
    IReadOnlyList<SkuNodeParameters> SkuNodes,
    IReadOnlyList<DemandSeries> Demand,
    SignalTable Signals)
{
    /// <summary>The last period with demand history: the forecast origin.</summary>
    public DateOnly HistoryEnd => Demand.Count == 0 ? default : Demand.Max(d => d.End);

    /// <summary>Lanes that carry <paramref name="sku"/> into <paramref name="location"/>.</summary>
    public IEnumerable<Lane> InboundLanes(string sku, string location) =>
        Lanes.Where(l => l.To == location && l.Carries(sku));
}
