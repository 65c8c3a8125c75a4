using MeioForecast.Core.Keys;

namespace MeioForecast.Pipeline.Placement;

/// <summary>Placement of a whole run, sku by sku.</summary>
public static class StockPlacementExtensions
{
    /// <summary>Targets for every sku-node of <paramref name="plan"/> at their service targets, in sku-node order.</summary>
    public static IReadOnlyList<TargetRow> Place(this IStockPlacement placement, NetworkPlan plan, NodeDemand demand, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(demand);
        var rows = new List<TargetRow>(plan.NodeCount);
        foreach (var network in plan.Skus)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows.AddRange(placement.PlaceSku(network, demand));
        }

        rows.Sort((a, b) => new SkuNode(a.Sku, a.Location).CompareTo(new SkuNode(b.Sku, b.Location)));
        return rows;
    }
}
