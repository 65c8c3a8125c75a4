using MeioForecast.Core.Keys;
using MeioForecast.Optimization.Gsm;

namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// Network placement with the Guaranteed Service Model (Graves &amp; Willems 2000): each sku's network (its planned
/// nodes and the lanes between them; external suppliers quote service time 0) is optimized by <see cref="GsmOptimizer"/>.
/// Stage j: T_j = processing time + the longest inbound lane's mean lead time, rounded up to whole periods;
/// h_j = unit cost x holding-cost rate; demand bound from the node's forecast moments at its own service level
/// (<see cref="LeadTimeDemandBound"/>); customer-facing nodes (no outbound lane) quote at most their maximum service
/// time (default 0), other nodes are free unless a maximum is given. Same service targets as
/// <see cref="SingleEchelonPlacement"/>, whose placement (all S = 0) is one feasible solution here.
/// </summary>
public sealed class NetworkPlacement(GsmSolverOptions? options = null) : IStockPlacement
{
    private readonly GsmOptimizer _optimizer = new(options);

    /// <inheritdoc />
    public string Name => "network-gsm";

    /// <inheritdoc />
    public IReadOnlyList<TargetRow> PlaceSku(SkuNetwork network, NodeDemand demand, IReadOnlyDictionary<SkuNode, double>? serviceLevels = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(demand);
        var stages = new List<GsmStage>(network.Nodes.Count);
        var bounds = new List<PlacementBound>(network.Nodes.Count);
        var arcs = new List<GsmArc>();
        foreach (var stage in network.Stages)
        {
            var node = stage.Node;
            var bound = demand.Bound(stage, serviceLevels?.GetValueOrDefault(node.Key, node.ServiceLevel) ?? node.ServiceLevel);
            var maxServiceTime = stage.CustomerFacing ? node.MaxServiceTime ?? 0 : node.MaxServiceTime;
            stages.Add(new GsmStage(node.Key.Location, Math.Max(0, stage.WholeStageTime), node.AnnualHoldingCostPerUnit, bound, maxServiceTime));
            bounds.Add(bound);
            arcs.AddRange(stage.InternalInbound.Select(inbound => new GsmArc(inbound.From, node.Key.Location, inbound.QuantityPerUnit)));
        }

        var solution = _optimizer.Solve(new GsmNetwork(stages, arcs));
        var rows = new List<TargetRow>(stages.Count);
        for (var j = 0; j < stages.Count; j++)
        {
            var node = network.Nodes[j];
            var result = solution.Stages[j];
            var bound = bounds[j];
            var tau = result.NetReplenishmentTime;
            var safety = bound.Safety(tau);
            rows.Add(new TargetRow(
                node.Key.Sku,
                node.Key.Location,
                node.ServiceLevel,
                OutboundServiceTime: result.ServiceTime,
                InboundServiceTime: result.InboundServiceTime,
                NetReplenishmentTime: bound.RealTime(tau),
                MeanDemandPerPeriod: bound.MeanPerPeriod,
                SafetyStock: safety,
                BaseStock: bound.ExpectedDemand(tau) + safety,
                HoldingCost: safety * node.AnnualHoldingCostPerUnit)
            {
                SkuNetworkGap = solution.Gap,
                SkuNetworkProven = solution.ProvenOptimal,
            });
        }

        return rows;
    }
}
