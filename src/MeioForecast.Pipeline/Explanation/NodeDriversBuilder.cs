using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Pipeline.Placement;

namespace MeioForecast.Pipeline.Explanation;

/// <summary>
/// Collects the driver values of every planned sku-node of a run, as the placement saw them: the node's demand moments
/// per period (<see cref="NodeDemand"/>), its stage time (its <see cref="StagePlan"/>) and the lead-time sd its buffer covers
/// (<see cref="TargetRow.CoveredLeadTimeSd"/>, as the placement used them), service target, unit holding cost, and the
/// service times S and SI the placement chose (from the targets).
/// </summary>
public static class NodeDriversBuilder
{
    /// <summary>The drivers of every sku-node of <paramref name="targets"/>.</summary>
    public static IReadOnlyDictionary<SkuNode, NodeDrivers> Build(NetworkPlan plan, NodeDemand demand, IReadOnlyList<TargetRow> targets)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(targets);
        var placed = targets.ToDictionary(t => new SkuNode(t.Sku, t.Location));
        var drivers = new SortedDictionary<SkuNode, NodeDrivers>();
        foreach (var stage in plan.Skus.SelectMany(network => network.Stages))
        {
            var node = stage.Node;
            if (!placed.TryGetValue(node.Key, out var target))
            {
                continue;
            }

            drivers[node.Key] = new NodeDrivers(
                demand.Mean(node.Key).ToArray(),
                demand.Variance(node.Key).ToArray(),
                stage.StageTime,
                target.CoveredLeadTimeSd ?? stage.LeadTimeSd,
                target.CalibratedServiceLevel ?? node.ServiceLevel,
                node.AnnualHoldingCostPerUnit,
                target.OutboundServiceTime,
                target.InboundServiceTime)
            {
                CoversLateness = target.CoveredLeadTimeSd is not null,
            };
        }

        return drivers;
    }
}
