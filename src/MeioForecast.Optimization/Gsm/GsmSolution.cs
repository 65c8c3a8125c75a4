namespace MeioForecast.Optimization.Gsm;

/// <summary>
/// A feasible GSM solution (per stage S, SI, tau, base stock, safety stock, cost) with the optimizer's proof of quality:
/// a lower bound on the optimal cost and the relative gap (TotalCost - LowerBound) / TotalCost.
/// </summary>
public sealed class GsmSolution
{
    /// <summary>Creates a solution.</summary>
    public GsmSolution(IReadOnlyList<GsmStageSolution> stages, GsmMethod method, double lowerBound, long nodesExplored)
    {
        ArgumentNullException.ThrowIfNull(stages);
        Stages = stages;
        Method = method;
        var total = 0.0;
        foreach (var s in stages)
        {
            total += s.HoldingCost;
        }

        TotalCost = total;
        LowerBound = Math.Min(lowerBound, total);
        NodesExplored = nodesExplored;
    }

    /// <summary>Per-stage results, in the network's stage order.</summary>
    public IReadOnlyList<GsmStageSolution> Stages { get; }

    /// <summary>Sum of h_j times safety stock over all stages.</summary>
    public double TotalCost { get; }

    /// <summary>A proven lower bound on the optimal total cost.</summary>
    public double LowerBound { get; }

    /// <summary>(TotalCost - LowerBound) / TotalCost, 0 when TotalCost is 0.</summary>
    public double Gap => TotalCost > 0.0 ? Math.Max(0.0, (TotalCost - LowerBound) / TotalCost) : 0.0;

    /// <summary>The algorithm used.</summary>
    public GsmMethod Method { get; }

    /// <summary>
    /// True when optimality is proven: by the exact tree DP, or by a branch and bound that pruned every node against the
    /// gap tolerance (then <see cref="Gap"/> is within it). False when the node budget stopped the search first (the
    /// solution is then the best found, with its gap) and for <see cref="GsmMethod.Evaluation"/>.
    /// </summary>
    public bool ProvenOptimal { get; init; }

    /// <summary>Branch-and-bound nodes (or 1 for the tree DP).</summary>
    public long NodesExplored { get; }

    /// <summary>The result of stage <paramref name="id"/>.</summary>
    public GsmStageSolution this[string id] =>
        Stages.FirstOrDefault(s => s.Id == id) ?? throw new KeyNotFoundException($"Unknown stage '{id}'.");
}
