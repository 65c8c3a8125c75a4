namespace MeioForecast.Optimization.Gsm;

/// <summary>
/// Branch and bound for the GSM on general acyclic networks. A maximum-weight spanning forest is kept; each non-tree arc
/// i -&gt; j has its constraint S_i &lt;= SI_j priced by a multiplier lambda_e &gt;= 0 (Lagrangian relaxation, optimised by
/// subgradient steps at the root), so every node's bound is the exact <see cref="SpanningTreeDp"/> value of the priced
/// tree under the node's domains, a valid lower bound. Arcs whose domains already imply S_i &lt;= SI_j lose their price.
/// A violated arc (S_i &gt; SI_j) branches on S_i &lt;= v | S_i &gt;= v + 1 (and then SI_j &gt;= v + 1); a priced slack arc
/// branches three ways (S_i &lt;= v and SI_j &gt;= v | SI_j &lt;= v - 1 | S_i &gt;= v + 1). Incumbents come from repairing
/// relaxed solutions: thresholds t_e with S_i &lt;= t_e &lt;= SI_j make the problem a tree again, solved exactly, then
/// refined by moving each t_e to either end of its current slack (a monotone local search). Best-first, deterministic.
/// </summary>
internal sealed partial class BranchAndBoundSolver
{
    private readonly GsmProblem _p;
    private readonly GsmSolverOptions _o;
    private readonly SpanningTreeDp _dp;
    private readonly int[] _ntFrom;
    private readonly int[] _ntTo;
    private readonly int _n;
    private readonly int[] _sLo;
    private readonly int[] _sHi;
    private readonly int[] _siLo;
    private readonly int[] _siHi;
    private readonly int[] _s;
    private readonly int[] _si;
    private readonly double[] _linS;
    private readonly double[] _linSI;
    private readonly int[] _bestS;
    private readonly int[] _bestSI;
    private double _upper = double.PositiveInfinity;

    public BranchAndBoundSolver(GsmProblem problem, GsmSolverOptions options)
    {
        _p = problem;
        _o = options;
        _n = problem.N;
        var inTree = ChooseSpanningForest(problem);
        var from = new List<int>();
        var to = new List<int>();
        for (var a = 0; a < inTree.Length; a++)
        {
            if (!inTree[a])
            {
                from.Add(problem.Network.ArcFrom[a]);
                to.Add(problem.Network.ArcTo[a]);
            }
        }

        _ntFrom = [.. from];
        _ntTo = [.. to];
        _dp = new SpanningTreeDp(problem, inTree);
        _sLo = new int[_n];
        _sHi = new int[_n];
        _siLo = new int[_n];
        _siHi = new int[_n];
        _s = new int[_n];
        _si = new int[_n];
        _linS = new double[_n];
        _linSI = new double[_n];
        _bestS = new int[_n];
        _bestSI = new int[_n];
    }

    public GsmSolution Solve()
    {
        var lambda = new double[_ntFrom.Length];
        var rootBound = OptimiseMultipliers(lambda);
        var (lower, nodes) = Search(lambda, rootBound);
        _p.Tighten(_bestS, _bestSI);
        return _p.ToSolution(_bestS, _bestSI, GsmMethod.BranchAndBound, lower, nodes);
    }

    private static bool[] ChooseSpanningForest(GsmProblem p)
    {
        // Kruskal, heaviest arcs first: an arc weighs the larger cost scale of its two ends, so that the arcs which
        // matter most are handled exactly by the tree and the relaxed ones matter least.
        var net = p.Network;
        var m = net.ArcFrom.Length;
        var weight = new double[m];
        var order = new int[m];
        for (var a = 0; a < m; a++)
        {
            var i = net.ArcFrom[a];
            var j = net.ArcTo[a];
            weight[a] = -Math.Max(Math.Abs(p.Cost[i][p.M[i]]), Math.Abs(p.Cost[j][p.M[j]]));
            order[a] = a;
        }

        Array.Sort(weight, order);
        var parent = new int[p.N];
        for (var j = 0; j < p.N; j++)
        {
            parent[j] = j;
        }

        var inTree = new bool[m];
        foreach (var a in order)
        {
            var ri = GsmNetwork.Find(parent, net.ArcFrom[a]);
            var rj = GsmNetwork.Find(parent, net.ArcTo[a]);
            if (ri != rj)
            {
                parent[ri] = rj;
                inTree[a] = true;
            }
        }

        return inTree;
    }

    private void ResetDomains()
    {
        Array.Clear(_sLo);
        Array.Copy(_p.SHi, _sHi, _n);
        Array.Copy(_p.SILo, _siLo, _n);
        Array.Copy(_p.SIHi, _siHi, _n);
    }

    /// <summary>Prices the non-tree arcs; an arc whose domains imply S_i &lt;= SI_j is left unpriced (it cannot be violated).</summary>
    private void SetPrices(double[] lambda)
    {
        Array.Clear(_linS);
        Array.Clear(_linSI);
        for (var e = 0; e < _ntFrom.Length; e++)
        {
            var i = _ntFrom[e];
            var j = _ntTo[e];
            if (lambda[e] == 0.0 || _sHi[i] <= _siLo[j])
            {
                continue;
            }

            _linS[i] += lambda[e];
            _linSI[j] -= lambda[e];
        }
    }

    /// <summary>Constraint propagation over all arcs: SI_j &gt;= S_i lower bounds, S_i &lt;= SI_j upper bounds, S_j &lt;= SI_j + T_j.</summary>
    private bool Propagate()
    {
        var net = _p.Network;
        foreach (var j in net.TopologicalOrder)
        {
            foreach (var i in net.Predecessors[j])
            {
                _siLo[j] = Math.Max(_siLo[j], _sLo[i]);
            }

            _sLo[j] = Math.Max(_sLo[j], 0);
            _sHi[j] = Math.Min(_sHi[j], _siHi[j] + _p.T[j]);
            _siLo[j] = Math.Max(_siLo[j], _sLo[j] - _p.T[j]);
        }

        for (var idx = net.TopologicalOrder.Length - 1; idx >= 0; idx--)
        {
            var i = net.TopologicalOrder[idx];
            foreach (var j in net.Successors[i])
            {
                _sHi[i] = Math.Min(_sHi[i], _siHi[j]);
            }

            if (_sLo[i] > _sHi[i] || _siLo[i] > _siHi[i])
            {
                return false;
            }
        }

        return true;
    }

    private double ViolationAndTrueCost(out bool feasible)
    {
        feasible = true;
        for (var e = 0; e < _ntFrom.Length; e++)
        {
            if (_s[_ntFrom[e]] > _si[_ntTo[e]])
            {
                feasible = false;
                break;
            }
        }

        return _p.Evaluate(_s, _si);
    }

    private void Offer(int[] s, int[] si, double cost)
    {
        if (cost < _upper)
        {
            _upper = cost;
            Array.Copy(s, _bestS, _n);
            Array.Copy(si, _bestSI, _n);
        }
    }
}
