using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;

namespace MeioForecast.Storage.Input;

/// <summary>
/// Whole-network checks of the lanes of each sku: cycles, path length and cumulative lead time, inbound lanes. Every
/// walk is iterative (an explicit stack; a serial chain of 50,000 locations cannot overflow the call stack) and linear
/// in the lanes of the sku; skus without sku-specific lanes share one graph, checked once.
/// </summary>
internal static class NetworkChecks
{
    /// <summary>
    /// Reports every cycle (with its path, at the line of the lane that closes it), then, for acyclic networks, a path
    /// of more than <see cref="InputLimits.MaxPathLanes"/> lanes or a cumulative lead time (lead_time_mean plus the
    /// processing_time of each stage along a path) above <see cref="InputLimits.MaxCumulativePeriods"/>.
    /// </summary>
    public static void Check(IReadOnlyList<(Lane Lane, int Line)> lanes, IReadOnlyList<(SkuNodeParameters Node, int Line)> nodes, InputErrors errors)
    {
        var specific = lanes.Where(l => l.Lane.Sku is not null).Select(l => l.Lane.Sku!).ToHashSet(StringComparer.Ordinal);
        var processing = nodes.ToDictionary(n => n.Node.Key, n => n.Node.ProcessingTime);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var sharedAcyclic = (bool?)null;
        foreach (var sku in nodes.Select(n => n.Node.Key.Sku).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var carrying = lanes.Where(l => l.Lane.Carries(sku)).ToList();
            bool acyclic;
            if (specific.Contains(sku))
            {
                acyclic = FindCycles(carrying, reported, errors);
            }
            else
            {
                sharedAcyclic ??= FindCycles(carrying, reported, errors);
                acyclic = sharedAcyclic.Value;
            }

            if (acyclic)
            {
                CheckPaths(sku, carrying, processing, errors);
            }
        }
    }

    /// <summary>Depth-first search with an explicit stack; reports each cycle once. True when there is none.</summary>
    private static bool FindCycles(List<(Lane Lane, int Line)> lanes, HashSet<string> reported, InputErrors errors)
    {
        var next = Adjacency(lanes);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<(string Node, int Edge)>();
        var acyclic = true;
        foreach (var start in next.Keys.Order(StringComparer.Ordinal))
        {
            if (state.ContainsKey(start))
            {
                continue;
            }

            Enter(start);
            while (stack.Count > 0)
            {
                var (node, edge) = stack.Pop();
                var outgoing = next.GetValueOrDefault(node);
                if (outgoing is null || edge >= outgoing.Count)
                {
                    state[node] = 2;
                    onPath.Remove(node);
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                stack.Push((node, edge + 1));
                var to = outgoing[edge].Lane.To;
                var s = state.GetValueOrDefault(to);
                if (s == 1)
                {
                    acyclic = false;
                    ReportCycle(path.GetRange(onPath[to], path.Count - onPath[to]), lanes, reported, errors);
                }
                else if (s == 0)
                {
                    Enter(to);
                }
            }
        }

        return acyclic;

        void Enter(string node)
        {
            state[node] = 1;
            onPath[node] = path.Count;
            path.Add(node);
            stack.Push((node, 0));
        }
    }

    /// <summary>Longest path in lanes and in cumulative lead time, over a topological order (Kahn); reports the first excess.</summary>
    private static void CheckPaths(string sku, List<(Lane Lane, int Line)> lanes, Dictionary<SkuNode, double> processing, InputErrors errors)
    {
        var next = Adjacency(lanes);
        var indegree = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (lane, _) in lanes)
        {
            indegree.TryAdd(lane.From, 0);
            indegree[lane.To] = indegree.GetValueOrDefault(lane.To) + 1;
        }

        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var time = new Dictionary<string, double>(StringComparer.Ordinal);
        var ready = new Queue<string>(indegree.Where(kv => kv.Value == 0).Select(kv => kv.Key).Order(StringComparer.Ordinal));
        foreach (var root in ready)
        {
            time[root] = processing.GetValueOrDefault(new SkuNode(sku, root));
        }

        while (ready.Count > 0)
        {
            var node = ready.Dequeue();
            foreach (var (lane, line) in next.GetValueOrDefault(node) ?? [])
            {
                var d = depth.GetValueOrDefault(node) + 1;
                var t = time.GetValueOrDefault(node) + lane.LeadTime.Mean + processing.GetValueOrDefault(new SkuNode(sku, lane.To));
                if (d > InputLimits.MaxPathLanes)
                {
                    errors.Add(InputFiles.Lanes, line, "to", InputRule.OutOfRange,
                        $"the network of {sku} has a path of more than {InputLimits.MaxPathLanes} lanes in series (reaching {lane.To})");
                    return;
                }

                if (t > InputLimits.MaxCumulativePeriods)
                {
                    errors.Add(InputFiles.Lanes, line, "lead_time_mean", InputRule.OutOfRange,
                        $"the cumulative lead time of {sku} reaches {InputTable.Format(t)} periods at {lane.To} (lead times plus processing times along the path); at most {InputLimits.MaxCumulativePeriods}");
                    return;
                }

                depth[lane.To] = Math.Max(depth.GetValueOrDefault(lane.To), d);
                time[lane.To] = Math.Max(time.GetValueOrDefault(lane.To), t);
                if (--indegree[lane.To] == 0)
                {
                    ready.Enqueue(lane.To);
                }
            }
        }
    }

    private static Dictionary<string, List<(Lane Lane, int Line)>> Adjacency(List<(Lane Lane, int Line)> lanes) =>
        lanes.GroupBy(l => l.Lane.From, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    /// <summary>Reports a cycle at the line of its last-listed lane, the path starting at that lane's origin.</summary>
    private static void ReportCycle(List<string> path, List<(Lane Lane, int Line)> lanes, HashSet<string> reported, InputErrors errors)
    {
        var lineOf = new Dictionary<(string, string), int>();
        foreach (var (lane, line) in lanes)
        {
            lineOf.TryAdd((lane.From, lane.To), line);
        }

        var hops = path.Select((from, i) => lineOf[(from, path[(i + 1) % path.Count])]).ToList();
        var last = hops.IndexOf(hops.Max());
        var rotated = path.Skip(last).Concat(path.Take(last)).ToList();
        var text = string.Join(" -> ", rotated.Append(rotated[0]));
        if (reported.Add(text))
        {
            errors.Add(InputFiles.Lanes, hops[last], "to", InputRule.NetworkCycle, $"lanes form a cycle: {text}");
        }
    }

    /// <summary>
    /// Every planned sku-node at a distribution center or store needs a lane in from a supplier or a node stocking the
    /// sku; a node whose inbound lane row was rejected, or whose supplying sku-node row was rejected, is not reported again.
    /// </summary>
    public static void CheckInboundLanes(
        IReadOnlyList<(SkuNodeParameters Node, int Line)> nodes,
        IReadOnlyList<(Lane Lane, int Line)> lanes,
        IReadOnlyDictionary<string, Location> locations,
        LaneRead read,
        KnownKeys<SkuNode> knownNodes,
        InputErrors errors)
    {
        if (!read.Complete)
        {
            return;
        }

        var stocked = nodes.Select(n => n.Node.Key).ToHashSet();
        var into = lanes.GroupBy(l => l.Lane.To, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(l => l.Lane).ToList(), StringComparer.Ordinal);
        foreach (var (node, line) in nodes)
        {
            var type = locations[node.Key.Location].Type;
            if (type is LocationType.Plant || read.RejectedTargets.Contains(node.Key.Location))
            {
                continue;
            }

            var fed = (into.GetValueOrDefault(node.Key.Location) ?? []).Any(l => l.Carries(node.Key.Sku)
                && (locations[l.From].Type == LocationType.Supplier || stocked.Contains(new SkuNode(node.Key.Sku, l.From))
                    || knownNodes.WasRejected(new SkuNode(node.Key.Sku, l.From))));
            if (!fed)
            {
                errors.Add(InputFiles.SkuNodes, line, "location", InputRule.NoInboundLane,
                    $"{node.Key.Sku} at {node.Key.Location} has no lane in from a supplier or a location stocking {node.Key.Sku}");
            }
        }
    }
}
