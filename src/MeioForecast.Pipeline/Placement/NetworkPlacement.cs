using MeioForecast.Core.Distributions;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
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
    public IReadOnlyList<TargetRow> Place(PlanningInput input, NodeDemand demand, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(demand);
        var rows = new List<TargetRow>(input.SkuNodes.Count);
        foreach (var network in SkuNetwork.Build(input))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stages = new List<GsmStage>(network.Nodes.Count);
            var bounds = new List<LeadTimeDemandBound>(network.Nodes.Count);
            var arcs = new List<GsmArc>();
            foreach (var node in network.Nodes)
            {
                var location = node.Key.Location;
                var lane = network.Inbound(location).OrderByDescending(l => l.LeadTime.Mean).FirstOrDefault();
                var stageTime = node.ProcessingTime + (lane?.LeadTime.Mean ?? 0.0);
                var whole = (int)Math.Ceiling(stageTime - 1e-9);
                var bound = new LeadTimeDemandBound(
                    demand.Mean(node.Key),
                    demand.Variance(node.Key),
                    whole - stageTime,
                    lane?.LeadTime.StandardDeviation ?? 0.0,
                    StandardNormal.Quantile(node.ServiceLevel));
                var customerFacing = network.Outbound(location).Count == 0;
                var maxServiceTime = customerFacing ? node.MaxServiceTime ?? 0 : node.MaxServiceTime;
                stages.Add(new GsmStage(location, Math.Max(0, whole), node.AnnualHoldingCostPerUnit, bound, maxServiceTime));
                bounds.Add(bound);
                foreach (var inbound in network.Inbound(location))
                {
                    if (input.Locations[inbound.From].Type != LocationType.Supplier)
                    {
                        arcs.Add(new GsmArc(inbound.From, location, inbound.QuantityPerUnit));
                    }
                }
            }

            var solution = _optimizer.Solve(new GsmNetwork(stages, arcs));
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
                    HoldingCost: safety * node.AnnualHoldingCostPerUnit));
            }
        }

        rows.Sort((a, b) => new Core.Keys.SkuNode(a.Sku, a.Location).CompareTo(new Core.Keys.SkuNode(b.Sku, b.Location)));
        return rows;
    }
}
