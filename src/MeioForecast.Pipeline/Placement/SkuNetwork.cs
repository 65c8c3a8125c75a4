using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;

namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// The network of one sku: its stocking locations and the lanes between them (a lane counts when it carries the sku
/// and both ends stock it), plus its supply lanes from external suppliers, and each node's <see cref="StagePlan"/>.
/// Built once per run as part of the <see cref="NetworkPlan"/>.
/// </summary>
public sealed class SkuNetwork
{
    private readonly Dictionary<string, List<Lane>> _inbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Lane>> _outbound = new(StringComparer.Ordinal);

    private readonly Dictionary<string, StagePlan> _stages = new(StringComparer.Ordinal);

    private SkuNetwork(string sku, IReadOnlyList<SkuNodeParameters> nodes)
    {
        Sku = sku;
        Nodes = nodes;
    }

    /// <summary>The sku.</summary>
    public string Sku { get; }

    /// <summary>Its planned nodes, in location order.</summary>
    public IReadOnlyList<SkuNodeParameters> Nodes { get; }

    /// <summary>The stage of every node, in <see cref="Nodes"/> order.</summary>
    public IReadOnlyList<StagePlan> Stages { get; private set; } = [];

    /// <summary>Builds the network of every sku of <paramref name="input"/>, in sku order (use <see cref="NetworkPlan.Build"/>).</summary>
    internal static IReadOnlyList<SkuNetwork> Build(PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = new List<SkuNetwork>();
        foreach (var group in input.SkuNodes.GroupBy(n => n.Key.Sku, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var network = new SkuNetwork(group.Key, group.OrderBy(n => n.Key).ToArray());
            var stocked = network.Nodes.Select(n => n.Key.Location).ToHashSet(StringComparer.Ordinal);
            foreach (var lane in input.Lanes.Where(l => l.Carries(group.Key) && stocked.Contains(l.To)))
            {
                var fromSupplier = input.Locations[lane.From].Type == LocationType.Supplier;
                if (!fromSupplier && !stocked.Contains(lane.From))
                {
                    continue;
                }

                Add(network._inbound, lane.To, lane);
                if (!fromSupplier)
                {
                    Add(network._outbound, lane.From, lane);
                }
            }

            network.Stages = [.. network.Nodes.Select(node =>
            {
                var location = node.Key.Location;
                var inbound = network.Inbound(location);
                var stage = new StagePlan(
                    node,
                    inbound,
                    [.. inbound.Where(l => input.Locations[l.From].Type != LocationType.Supplier)],
                    network.Outbound(location).Count == 0);
                network._stages[location] = stage;
                return stage;
            })];
            result.Add(network);
        }

        return result;
    }

    private static void Add(Dictionary<string, List<Lane>> map, string location, Lane lane)
    {
        if (!map.TryGetValue(location, out var list))
        {
            map[location] = list = [];
        }

        list.Add(lane);
    }

    /// <summary>Lanes into <paramref name="location"/> from suppliers or nodes stocking the sku.</summary>
    public IReadOnlyList<Lane> Inbound(string location) => _inbound.GetValueOrDefault(location) ?? [];

    /// <summary>Lanes out of <paramref name="location"/> to nodes stocking the sku.</summary>
    public IReadOnlyList<Lane> Outbound(string location) => _outbound.GetValueOrDefault(location) ?? [];

    /// <summary>The stage at <paramref name="location"/>.</summary>
    public StagePlan Stage(string location) => _stages[location];

    /// <summary>Node locations ordered so that every node comes after all nodes it supplies (customers first).</summary>
    public IReadOnlyList<string> CustomersFirst()
    {
        var order = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in Nodes)
        {
            Visit(node.Key.Location);
        }

        return order;

        void Visit(string location)
        {
            if (!done.Add(location))
            {
                return;
            }

            foreach (var lane in Outbound(location))
            {
                Visit(lane.To);
            }

            order.Add(location);
        }
    }

    /// <summary>The key of the node at <paramref name="location"/>.</summary>
    public SkuNode Key(string location) => new(Sku, location);
}
