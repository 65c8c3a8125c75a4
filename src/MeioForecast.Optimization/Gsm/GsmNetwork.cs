namespace MeioForecast.Optimization.Gsm;

/// <summary>
/// An immutable GSM network (Graves &amp; Willems 2000): stages and arcs, validated (unique ids, known endpoints, no
/// self-loop or duplicate arc, acyclic) and indexed; it detects its <see cref="Topology"/>. A directed cycle throws
/// <see cref="NetworkCycleException"/> naming it.
/// </summary>
public sealed class GsmNetwork
{
    private readonly Dictionary<string, int> _index;

    /// <summary>Builds and validates the network.</summary>
    public GsmNetwork(IReadOnlyList<GsmStage> stages, IReadOnlyList<GsmArc> arcs)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(arcs);
        if (stages.Count == 0)
        {
            throw new ArgumentException("A network needs at least one stage.", nameof(stages));
        }

        _index = new Dictionary<string, int>(stages.Count, StringComparer.Ordinal);
        for (var j = 0; j < stages.Count; j++)
        {
            ValidateStage(stages[j]);
            if (!_index.TryAdd(stages[j].Id, j))
            {
                throw new ArgumentException($"Duplicate stage id '{stages[j].Id}'.", nameof(stages));
            }
        }

        var n = stages.Count;
        var preds = new List<int>[n];
        var succs = new List<int>[n];
        for (var j = 0; j < n; j++)
        {
            preds[j] = [];
            succs[j] = [];
        }

        var seen = new HashSet<(int, int)>();
        ArcFrom = new int[arcs.Count];
        ArcTo = new int[arcs.Count];
        for (var a = 0; a < arcs.Count; a++)
        {
            var arc = arcs[a];
            if (!_index.TryGetValue(arc.From, out var i) || !_index.TryGetValue(arc.To, out var j))
            {
                throw new ArgumentException($"Arc {arc.From} -> {arc.To} names an unknown stage.", nameof(arcs));
            }

            if (i == j)
            {
                throw new NetworkCycleException([arc.From, arc.To]);
            }

            if (!seen.Add((i, j)))
            {
                throw new ArgumentException($"Duplicate arc {arc.From} -> {arc.To}.", nameof(arcs));
            }

            if (!(arc.QuantityPerUnit > 0.0) || !double.IsFinite(arc.QuantityPerUnit))
            {
                throw new ArgumentException($"Arc {arc.From} -> {arc.To}: quantity per unit must be finite and positive.", nameof(arcs));
            }

            ArcFrom[a] = i;
            ArcTo[a] = j;
            preds[j].Add(i);
            succs[i].Add(j);
        }

        Stages = stages;
        Arcs = arcs;
        Predecessors = Array.ConvertAll(preds, l => l.ToArray());
        Successors = Array.ConvertAll(succs, l => l.ToArray());
        TopologicalOrder = SortTopologically();
        MaxReplenishmentTime = new int[n];
        foreach (var j in TopologicalOrder)
        {
            var m = stages[j].ExternalServiceTime;
            foreach (var i in Predecessors[j])
            {
                m = Math.Max(m, MaxReplenishmentTime[i]);
            }

            MaxReplenishmentTime[j] = m + stages[j].ProcessingTime;
        }

        Topology = DetectTopology();
    }

    /// <summary>The stages, in the order given (stage index = position).</summary>
    public IReadOnlyList<GsmStage> Stages { get; }

    /// <summary>The arcs, in the order given.</summary>
    public IReadOnlyList<GsmArc> Arcs { get; }

    /// <summary>The detected topology.</summary>
    public GsmTopology Topology { get; }

    /// <summary>Number of stages.</summary>
    public int Count => Stages.Count;

    internal int[] ArcFrom { get; }

    internal int[] ArcTo { get; }

    internal int[][] Predecessors { get; }

    internal int[][] Successors { get; }

    internal int[] TopologicalOrder { get; }

    /// <summary>M_j: the longest path of processing times (plus external service time) ending at j, the bound on S_j.</summary>
    internal int[] MaxReplenishmentTime { get; }

    /// <summary>The index of stage <paramref name="id"/>.</summary>
    public int IndexOf(string id) =>
        _index.TryGetValue(id, out var j) ? j : throw new KeyNotFoundException($"Unknown stage '{id}'.");

    private static void ValidateStage(GsmStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentException.ThrowIfNullOrEmpty(stage.Id);
        ArgumentNullException.ThrowIfNull(stage.DemandBound, nameof(stage.DemandBound));
        if (stage.ProcessingTime < 0 || stage.ExternalServiceTime < 0 || stage.MaxServiceTime < 0)
        {
            throw new ArgumentException($"Stage '{stage.Id}': processing, external and maximum service times must be >= 0.", nameof(stage));
        }

        if (!(stage.HoldingCost >= 0.0) || !double.IsFinite(stage.HoldingCost))
        {
            throw new ArgumentException($"Stage '{stage.Id}': holding cost must be finite and >= 0.", nameof(stage));
        }
    }

    private int[] SortTopologically()
    {
        var n = Count;
        var indegree = new int[n];
        for (var j = 0; j < n; j++)
        {
            indegree[j] = Predecessors[j].Length;
        }

        var order = new int[n];
        var head = 0;
        var tail = 0;
        for (var j = 0; j < n; j++)
        {
            if (indegree[j] == 0)
            {
                order[tail++] = j;
            }
        }

        while (head < tail)
        {
            var i = order[head++];
            foreach (var j in Successors[i])
            {
                if (--indegree[j] == 0)
                {
                    order[tail++] = j;
                }
            }
        }

        if (tail < n)
        {
            throw new NetworkCycleException(FindCycle(indegree));
        }

        return order;
    }

    private List<string> FindCycle(int[] remainingIndegree)
    {
        // Every stage left with a positive indegree lies on or below a cycle: walk predecessors until one repeats.
        var start = Array.FindIndex(remainingIndegree, d => d > 0);
        var position = new Dictionary<int, int>();
        var path = new List<int>();
        var j = start;
        while (!position.ContainsKey(j))
        {
            position[j] = path.Count;
            path.Add(j);
            j = Array.Find(Predecessors[j], i => remainingIndegree[i] > 0);
        }

        var cycle = path.GetRange(position[j], path.Count - position[j]);
        cycle.Reverse();
        var first = cycle.IndexOf(cycle.Min());
        cycle = [.. cycle.Skip(first), .. cycle.Take(first)];
        var names = cycle.ConvertAll(k => Stages[k].Id);
        names.Add(names[0]);
        return names;
    }

    private GsmTopology DetectTopology()
    {
        var n = Count;
        var parent = new int[n];
        for (var j = 0; j < n; j++)
        {
            parent[j] = j;
        }

        for (var a = 0; a < ArcFrom.Length; a++)
        {
            var ri = Find(parent, ArcFrom[a]);
            var rj = Find(parent, ArcTo[a]);
            if (ri == rj)
            {
                return GsmTopology.GeneralAcyclic;
            }

            parent[ri] = rj;
        }

        var maxIn = 0;
        var maxOut = 0;
        for (var j = 0; j < n; j++)
        {
            maxIn = Math.Max(maxIn, Predecessors[j].Length);
            maxOut = Math.Max(maxOut, Successors[j].Length);
        }

        return (maxIn <= 1, maxOut <= 1) switch
        {
            (true, true) => GsmTopology.Serial,
            (false, true) => GsmTopology.Assembly,
            (true, false) => GsmTopology.Distribution,
            _ => GsmTopology.SpanningTree,
        };
    }

    internal static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }
}
