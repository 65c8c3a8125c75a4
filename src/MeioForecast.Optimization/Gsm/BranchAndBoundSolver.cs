namespace MeioForecast.Optimization.Gsm;

/// <summary>
/// Branch and bound for the GSM on general acyclic networks, by Lagrangian decomposition over a spanning tree.
/// A maximum-weight spanning forest of the network is kept; every non-tree arc e = i -&gt; j gets a copy i_e of stage i
/// hung as a leaf upstream of j, so the expanded network is a forest solved exactly by <see cref="SpanningTreeDp"/>.
/// Copies carry a share w_e of i's cost (i keeps 1 - sum_e w_e) and prices mu on the agreement constraints
/// S_{i_e} = S_i, SI_{i_e} = SI_i; any true solution maps to the expanded one at equal cost, so for any w in the simplex
/// and any mu the DP value is a valid lower bound (no convexity, concavity or monotonicity of the bound is used). w and
/// mu are set by subgradient ascent at the root, then re-optimised at every node by a few more steps warm-started from
/// the parent's (the node's domains change the dual: fixed root multipliers left the hard Willems chains open after
/// thousands of nodes, re-optimised ones close them to 1e-9 in hundreds). When all copies agree with their stage the relaxed solution is
/// feasible and its relaxed value is its true cost; otherwise the search branches on the disagreeing stage's domain
/// (S_i &lt;= v | S_i &gt;= v + 1, or the same on SI_i). Copies of arcs that the domains already satisfy drop out. Incumbents:
/// thresholds t_e (S_i &lt;= t_e &lt;= SI_j) turn the problem into a tree problem, solved exactly, then moved to either end
/// of their slack while the cost falls. Best-first, deterministic; in the spirit of Humair &amp; Willems (2011,
/// Operations Research 59(3):781-787), with an explicit lower bound and gap.
/// </summary>
internal sealed partial class BranchAndBoundSolver
{
    private readonly GsmProblem _p;
    private readonly GsmSolverOptions _o;
    private readonly SpanningTreeDp _treeDp;
    private readonly SpanningTreeDp _xDp;
    private readonly int[] _ntFrom;
    private readonly int[] _ntTo;
    private readonly bool[] _singleSI;
    private readonly int[] _copyOf;
    private readonly int _n;
    private readonly int _x;
    private readonly int[] _sLo;
    private readonly int[] _sHi;
    private readonly int[] _siLo;
    private readonly int[] _siHi;
    private readonly int[] _s;
    private readonly int[] _si;
    private readonly double[] _linS;
    private readonly double[] _linSI;
    private readonly double[] _scale;
    private readonly bool[] _active;
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
        var arcs = new List<(int, int)>();
        for (var a = 0; a < inTree.Length; a++)
        {
            var (i, j) = (problem.Network.ArcFrom[a], problem.Network.ArcTo[a]);
            if (inTree[a])
            {
                arcs.Add((i, j));
            }
            else
            {
                from.Add(i);
                to.Add(j);
            }
        }

        _ntFrom = [.. from];
        _ntTo = [.. to];
        _x = _n + _ntFrom.Length;
        var stageOf = new int[_x];
        _copyOf = new int[_ntFrom.Length];
        for (var k = 0; k < _n; k++)
        {
            stageOf[k] = k;
        }

        for (var e = 0; e < _ntFrom.Length; e++)
        {
            // Copy the end that loses nothing by being cut loose: a stage without upstream stages (its SI is fixed) as
            // a leaf above j, else a stage without downstream stages as a leaf below i, else the upstream end.
            var (i, j) = (_ntFrom[e], _ntTo[e]);
            var copyHead = problem.Network.Predecessors[i].Length > 0 && problem.Network.Successors[j].Length == 0;
            _copyOf[e] = copyHead ? j : i;
            stageOf[_n + e] = _copyOf[e];
            arcs.Add(copyHead ? (i, _n + e) : (_n + e, j));
        }

        _treeDp = new SpanningTreeDp(problem, inTree);
        _xDp = new SpanningTreeDp(problem, stageOf, [.. arcs]);
        _singleSI = new bool[_n];
        for (var j = 0; j < _n; j++)
        {
            _singleSI[j] = problem.SILo[j] >= problem.SIHi[j];
        }

        _sLo = new int[_n];
        _sHi = new int[_n];
        _siLo = new int[_n];
        _siHi = new int[_n];
        _s = new int[_x];
        _si = new int[_x];
        _linS = new double[_x];
        _linSI = new double[_x];
        _scale = new double[_x];
        _active = new bool[_ntFrom.Length];
        _bestS = new int[_n];
        _bestSI = new int[_n];
    }

    public GsmSolution Solve()
    {
        var m = new Multipliers(_ntFrom.Length);
        var copies = new int[_n];
        foreach (var i in _copyOf)
        {
            copies[i]++;
        }

        for (var e = 0; e < _ntFrom.Length; e++)
        {
            // A copied stage without upstream (fixed SI) or downstream stages is an exact replica: share its cost evenly.
            var i = _copyOf[e];
            var replica = _singleSI[i] || _p.Network.Successors[i].Length == 0;
            m.W[e] = replica ? 1.0 / (1 + copies[i]) : 0.0;
        }

        var rootBound = OptimiseMultipliers(m);
        var (lower, nodes, closed) = Search(m, rootBound);
        PolishIncumbent();
        _p.Tighten(_bestS, _bestSI);
        return _p.ToSolution(_bestS, _bestSI, GsmMethod.BranchAndBound, lower, nodes, closed);
    }

    /// <summary>Runs the threshold local search of <c>Repair</c> from the incumbent itself (it can only improve it).</summary>
    private void PolishIncumbent()
    {
        if (double.IsPositiveInfinity(_upper))
        {
            return;
        }

        Array.Copy(_bestS, _s, _n);
        Array.Copy(_bestSI, _si, _n);
        for (var e = 0; e < _ntFrom.Length; e++)
        {
            _s[_n + e] = _bestS[_copyOf[e]];
            _si[_n + e] = _bestSI[_copyOf[e]];
        }

        Repair();
    }

    private static bool[] ChooseSpanningForest(GsmProblem p)
    {
        // Kruskal: an arc weighs the larger cost scale of its two ends, so that the arcs which matter most are handled
        // exactly by the tree and the relaxed ones matter least.
        var net = p.Network;
        var m = net.ArcFrom.Length;
        var weight = new double[m];
        var inner = new bool[m];
        var order = new int[m];
        for (var a = 0; a < m; a++)
        {
            var i = net.ArcFrom[a];
            var j = net.ArcTo[a];
            weight[a] = Math.Max(Math.Abs(p.Cost[i][p.M[i]]), Math.Abs(p.Cost[j][p.M[j]]));
            inner[a] = net.Predecessors[i].Length > 0 && net.Successors[j].Length > 0;
            order[a] = a;
        }

        // Arcs between two inner stages first (then a relaxed arc preferably leaves a stage with a fixed SI or enters a
        // stage without successors, so its copy is an exact replica), heaviest first, ties by position.
        Array.Sort(order, (x, y) =>
            inner[x] != inner[y] ? (inner[x] ? -1 : 1)
            : weight[x] != weight[y] ? weight[y].CompareTo(weight[x])
            : x.CompareTo(y));
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

    /// <summary>Sets cost shares and prices; a copy whose arc the domains already satisfy drops out (share and prices 0).</summary>
    private void SetPrices(Multipliers m)
    {
        Array.Clear(_linS);
        Array.Clear(_linSI);
        Array.Fill(_scale, 1.0);
        for (var e = 0; e < _ntFrom.Length; e++)
        {
            var i = _copyOf[e];
            var c = _n + e;
            _active[e] = _sHi[_ntFrom[e]] > _siLo[_ntTo[e]];
            if (!_active[e])
            {
                _scale[c] = 0.0;
                continue;
            }

            _scale[c] = m.W[e];
            _scale[i] -= m.W[e];
            _linS[i] += m.MuS[e];
            _linS[c] -= m.MuS[e];
            _linSI[i] += m.MuSI[e];
            _linSI[c] -= m.MuSI[e];
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

    private bool OriginalIsFeasible()
    {
        for (var e = 0; e < _ntFrom.Length; e++)
        {
            if (_s[_ntFrom[e]] > _si[_ntTo[e]])
            {
                return false;
            }
        }

        return true;
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

    private sealed class Multipliers(int count)
    {
        public double[] W { get; } = new double[count];

        public double[] MuS { get; } = new double[count];

        public double[] MuSI { get; } = new double[count];

        public Multipliers Clone()
        {
            var copy = new Multipliers(W.Length);
            Array.Copy(W, copy.W, W.Length);
            Array.Copy(MuS, copy.MuS, W.Length);
            Array.Copy(MuSI, copy.MuSI, W.Length);
            return copy;
        }
    }
}
