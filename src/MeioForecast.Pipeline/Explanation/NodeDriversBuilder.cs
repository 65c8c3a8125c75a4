using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Pipeline.Placement;

namespace MeioForecast.Pipeline.Explanation;

/// <summary>
/// Collects the driver values of every planned sku-node of a run, as the placement saw them: the node's demand moments
/// per period (<see cref="NodeDemand"/>), its stage time and lead-time sd (the longest inbound lane, as in
/// <see cref="NetworkPlacement"/> and <see cref="SingleEchelonPlacement"/>), service target, unit holding cost, and the
/// service times S and SI the placement chose (from the targets).
/// </summary>
public static class NodeDriversBuilder
{
    /// <summary>The drivers of every sku-node of <paramref name="targets"/>.</summary>
    public static IReadOnlyDictionary<SkuNode, NodeDrivers> Build(PlanningInput input, NodeDemand demand, IReadOnlyList<TargetRow> targets)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(targets);
        var placed = targets.ToDictionary(t => new SkuNode(t.Sku, t.Location));
        var drivers = new SortedDictionary<SkuNode, NodeDrivers>();
        foreach (var network in SkuNetwork.Build(input))
        {
            foreach (var node in network.Nodes)
            {
                if (!placed.TryGetValue(node.Key, out var target))
                {
                    continue;
                }

                var lane = network.Inbound(node.Key.Location).OrderByDescending(l => l.LeadTime.Mean).FirstOrDefault();
                drivers[node.Key] = new NodeDrivers(
                    demand.Mean(node.Key).ToArray(),
                    demand.Variance(node.Key).ToArray(),
                    node.ProcessingTime + (lane?.LeadTime.Mean ?? 0.0),
                    lane?.LeadTime.StandardDeviation ?? 0.0,
                    target.CalibratedServiceLevel ?? node.ServiceLevel,
                    node.AnnualHoldingCostPerUnit,
                    target.OutboundServiceTime,
                    target.InboundServiceTime);
            }
        }

        return drivers;
    }
}
