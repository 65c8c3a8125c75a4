using MeioForecast.Core.Keys;

namespace MeioForecast.Pipeline.Placement;

/// <summary>Decides where stock sits: turns per-node demand into a target for every planned sku-node.</summary>
public interface IStockPlacement
{
    /// <summary>Method name written with the run, e.g. <c>single-echelon</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Targets for the nodes of one sku's <paramref name="network"/>, in node order, at the service levels of
    /// <paramref name="serviceLevels"/> (the service calibration's; null or a missing node = the node's target).
    /// </summary>
    IReadOnlyList<TargetRow> PlaceSku(SkuNetwork network, NodeDemand demand, IReadOnlyDictionary<SkuNode, double>? serviceLevels = null);

    /// <summary>
    /// A placement that covers more of the network's risk, which the service check calibrates a sku with when this one
    /// leaves customer-facing nodes below target (keeping whichever leaves fewer); null when there is none.
    /// </summary>
    IStockPlacement? Fallback { get; }
}
