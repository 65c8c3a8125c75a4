namespace MeioForecast.Simulation.Network;

/// <summary>
/// A validated, acyclic network of <see cref="SimulationStage"/>s (serial, assembly, distribution or general), with its
/// stages in a topological order (every upstream stage before its downstream stages).
/// </summary>
public sealed class SimulationNetwork
{
    private readonly Dictionary<string, int> _index;

    /// <summary>Validates the stages: unique ids, known upstream ids, no cycle, phi_ij &gt; 0, B_j finite and &gt;= 0,
    /// T_j, S_j &gt;= 0, SI_j &gt;= max S_i of its upstream stages when given.</summary>
    /// <exception cref="ArgumentException">A stage is invalid; the message names the stage and field.</exception>
    public SimulationNetwork(IEnumerable<SimulationStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var list = stages.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A network needs at least one stage.", nameof(stages));
        }

        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < list.Count; j++)
        {
            var stage = list[j] ?? throw new ArgumentException($"Stage {j} is null.", nameof(stages));
            Validate(stage);
            if (!_index.TryAdd(stage.Id, j))
            {
                throw new ArgumentException($"Stage id '{stage.Id}' appears twice.", nameof(stages));
            }
        }

        foreach (var stage in list)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var supply in stage.Upstream)
            {
                if (!_index.TryGetValue(supply.UpstreamId, out var i))
                {
                    throw new ArgumentException($"Stage '{stage.Id}': upstream stage '{supply.UpstreamId}' does not exist.", nameof(stages));
                }

                if (!seen.Add(supply.UpstreamId))
                {
                    throw new ArgumentException($"Stage '{stage.Id}': upstream stage '{supply.UpstreamId}' is listed twice.", nameof(stages));
                }

                if (stage.InboundServiceTime is { } si && si < list[i].OutboundServiceTime)
                {
                    throw new ArgumentException(
                        $"Stage '{stage.Id}': inbound service time SI = {si} is below upstream '{supply.UpstreamId}' outbound service time S = {list[i].OutboundServiceTime} (GSM constraint SI_j >= S_i).",
                        nameof(stages));
                }
            }
        }

        Stages = list;
        TopologicalOrder = SortTopologically(list, _index);
    }

    /// <summary>The stages in the order given.</summary>
    public IReadOnlyList<SimulationStage> Stages { get; }

    /// <summary>Indices into <see cref="Stages"/>, every upstream stage before its downstream stages.</summary>
    public IReadOnlyList<int> TopologicalOrder { get; }

    /// <summary>The index of the stage with id <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such stage.</exception>
    public int IndexOf(string id) =>
        _index.TryGetValue(id, out var j) ? j : throw new KeyNotFoundException($"No stage '{id}' in the network.");

    private static void Validate(SimulationStage stage)
    {
        if (string.IsNullOrWhiteSpace(stage.Id))
        {
            throw new ArgumentException("A stage needs a non-empty id.", nameof(stage));
        }

        string? error = null;
        if (!(stage.BaseStock >= 0.0) || !double.IsFinite(stage.BaseStock))
        {
            error = $"base stock {stage.BaseStock} must be finite and non-negative";
        }
        else if (stage.ProcessingTime < 0)
        {
            error = $"processing time {stage.ProcessingTime} must be >= 0";
        }
        else if (stage.OutboundServiceTime < 0)
        {
            error = $"outbound service time {stage.OutboundServiceTime} must be >= 0";
        }
        else if (stage.InboundServiceTime is < 0)
        {
            error = $"inbound service time {stage.InboundServiceTime} must be >= 0";
        }
        else if (stage.Upstream is null || stage.Upstream.Any(u => u is null || !(u.QuantityPerUnit > 0.0) || !double.IsFinite(u.QuantityPerUnit)))
        {
            error = "every upstream supply needs a finite quantity per unit > 0";
        }

        if (error is not null)
        {
            throw new ArgumentException($"Stage '{stage.Id}': {error}.", nameof(stage));
        }
    }

    private static int[] SortTopologically(List<SimulationStage> stages, Dictionary<string, int> index)
    {
        // Kahn (1962): repeatedly emit a stage whose upstream stages are all emitted; lowest index first for a stable order.
        var pending = new int[stages.Count];
        var downstream = new List<int>[stages.Count];
        for (var j = 0; j < stages.Count; j++)
        {
            downstream[j] = [];
        }

        for (var j = 0; j < stages.Count; j++)
        {
            foreach (var supply in stages[j].Upstream)
            {
                downstream[index[supply.UpstreamId]].Add(j);
                pending[j]++;
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (var j = 0; j < stages.Count; j++)
        {
            if (pending[j] == 0)
            {
                ready.Enqueue(j, j);
            }
        }

        var order = new List<int>(stages.Count);
        while (ready.TryDequeue(out var j, out _))
        {
            order.Add(j);
            foreach (var k in downstream[j])
            {
                if (--pending[k] == 0)
                {
                    ready.Enqueue(k, k);
                }
            }
        }

        if (order.Count != stages.Count)
        {
            var cyclic = Enumerable.Range(0, stages.Count).Where(j => pending[j] > 0).Select(j => stages[j].Id);
            throw new ArgumentException($"The network has a cycle through stages: {string.Join(", ", cyclic)}.", nameof(stages));
        }

        return [.. order];
    }
}
