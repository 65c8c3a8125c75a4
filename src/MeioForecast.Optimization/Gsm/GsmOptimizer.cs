namespace MeioForecast.Optimization.Gsm;

/// <summary>
/// Strategic safety stock placement with the Guaranteed Service Model (Graves &amp; Willems 2000, MSOM 2(1):68-83, and
/// the 2003 erratum): choose integer service times S_j, SI_j (SI_j &gt;= S_i on every arc i -&gt; j, 0 &lt;= S_j &lt;= s_j,
/// tau_j = SI_j + T_j - S_j &gt;= 0) minimising sum_j h_j (D_j(tau_j) - tau_j mu_j). Spanning trees are solved exactly by
/// the Graves-Willems dynamic program in O(sum_j M_j^2); general acyclic networks by branch and bound over a Lagrangian
/// spanning-tree relaxation (the constraints SI_j &gt;= S_i of the non-tree arcs are priced), in the spirit of Humair &amp;
/// Willems (2011, Operations Research 59(3):781-787), with the multipliers re-optimised at every node, which returns a
/// proven lower bound and gap (by default it stops only at a relative gap of 1e-9: a certificate of optimality; all 38
/// Willems 2008 chains and random general networks close, docs/gsm-optimizer.md). Any demand bound works:
/// nothing assumes concavity. Service times are bounded by the maximum replenishment time M_j (longest path of T).
/// </summary>
public sealed class GsmOptimizer
{
    private readonly GsmSolverOptions _options;

    /// <summary>Creates the optimizer; <paramref name="options"/> default to <see cref="GsmSolverOptions"/>'s defaults.</summary>
    public GsmOptimizer(GsmSolverOptions? options = null)
    {
        _options = options ?? new GsmSolverOptions();
        _options.Validate();
    }

    /// <summary>Solves the network: exactly for spanning trees, with a reported lower bound and gap otherwise.</summary>
    public GsmSolution Solve(GsmNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var problem = new GsmProblem(network);
        if (network.Topology != GsmTopology.GeneralAcyclic)
        {
            var inTree = new bool[network.Arcs.Count];
            Array.Fill(inTree, true);
            var dp = new SpanningTreeDp(problem, inTree);
            var s = new int[problem.N];
            var si = new int[problem.N];
            var sLo = new int[problem.N];
            dp.Solve(sLo, problem.SHi, problem.SILo, problem.SIHi, null, null, s, si);
            problem.Tighten(s, si);
            var cost = problem.Evaluate(s, si);
            return problem.ToSolution(s, si, GsmMethod.TreeDynamicProgram, cost, 1, proven: true);
        }

        return new BranchAndBoundSolver(problem, _options).Solve();
    }

    /// <summary>
    /// Evaluates given outbound service times: SI_j = max(ext_j, max over upstream i of S_i), tau_j = SI_j + T_j - S_j.
    /// Throws when a service time breaks tau_j &gt;= 0 or S_j &lt;= s_j.
    /// </summary>
    public static GsmSolution Evaluate(GsmNetwork network, IReadOnlyList<int> serviceTimes)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(serviceTimes);
        if (serviceTimes.Count != network.Count)
        {
            throw new ArgumentException("One service time per stage is needed.", nameof(serviceTimes));
        }

        var problem = new GsmProblem(network);
        var s = new int[network.Count];
        var si = new int[network.Count];
        foreach (var j in network.TopologicalOrder)
        {
            s[j] = serviceTimes[j];
            var lo = network.Stages[j].ExternalServiceTime;
            foreach (var i in network.Predecessors[j])
            {
                lo = Math.Max(lo, s[i]);
            }

            si[j] = lo;
            if (s[j] < 0 || s[j] > lo + problem.T[j] || (network.Stages[j].MaxServiceTime is int max && s[j] > max))
            {
                throw new ArgumentException($"Stage '{network.Stages[j].Id}': service time {s[j]} is infeasible.", nameof(serviceTimes));
            }
        }

        var solution = problem.ToSolution(s, si, GsmMethod.Evaluation, double.NegativeInfinity, 0, proven: false);
        return solution;
    }
}
