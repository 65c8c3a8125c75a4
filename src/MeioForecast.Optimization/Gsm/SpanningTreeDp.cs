namespace MeioForecast.Optimization.Gsm;

/// <summary>
/// The spanning-tree dynamic program of Graves &amp; Willems (2000, MSOM 2(1):68-83; erratum 2003, MSOM 5(2):176-177),
/// over integer service times, on the arcs marked as tree arcs (the others are ignored: a relaxation when some exist).
/// Each tree component is rooted; stages are processed leaves first. A stage k whose tree parent is downstream gets
/// f_k(S) = min cost of its subtree given S_k = S; one whose parent is upstream gets g_k(SI) given SI_k = SI. With
/// A_k(S) = a_k S + sum over downstream children c of min_{SI_c &gt;= S} g_c(SI_c) and B_k(SI) = b_k SI + sum over
/// upstream children c of min_{S_c &lt;= SI} f_c(S_c):
/// f_k(S) = A_k(S) + min_{SI} [c_k(SI + T_k - S) + B_k(SI)], g_k(SI) = B_k(SI) + min_{S} [c_k(SI + T_k - S) + A_k(S)].
/// No convexity or concavity of c_k is assumed. Time O(sum_k M_k^2) per solve (M_k = maximum replenishment time),
/// memory O(sum_k M_k). The linear terms a_k S_k + b_k SI_k carry Lagrangian multipliers; per-stage domains carry
/// branching decisions.
/// </summary>
internal sealed class SpanningTreeDp
{
    private readonly GsmProblem _p;
    private readonly int[] _stageOf;
    private readonly int _n;
    private readonly int[] _order;
    private readonly int[] _parent;
    private readonly bool[] _parentDownstream;
    private readonly int[][] _upChildren;
    private readonly int[][] _downChildren;
    private readonly double[][] _best;
    private readonly int[][] _bestArg;
    private readonly int[][] _innerArg;
    private readonly double[] _a;
    private readonly double[] _b;
    private double[]? _scaled;
    private readonly double[] _reversed;

    public SpanningTreeDp(GsmProblem problem, bool[] inTree)
        : this(problem, Identity(problem.N), TreeArcs(problem, inTree))
    {
    }

    /// <summary>
    /// A DP over an expanded tree: node k stands for stage <paramref name="stageOf"/>[k] (copies of a stage share its
    /// T, M and cost table); <paramref name="treeArcs"/> are (upstream node, downstream node) pairs forming a forest.
    /// </summary>
    public SpanningTreeDp(GsmProblem problem, int[] stageOf, (int From, int To)[] treeArcs)
    {
        _p = problem;
        _stageOf = stageOf;
        var n = stageOf.Length;
        _n = n;
        var adjacency = new List<(int Other, bool OtherDownstream)>[n];
        for (var j = 0; j < n; j++)
        {
            adjacency[j] = [];
        }

        foreach (var (from, to) in treeArcs)
        {
            adjacency[from].Add((to, true));
            adjacency[to].Add((from, false));
        }

        _parent = new int[n];
        _parentDownstream = new bool[n];
        Array.Fill(_parent, -2);
        var preorder = new List<int>(n);
        var stack = new Stack<int>();
        for (var root = 0; root < n; root++)
        {
            if (_parent[root] != -2)
            {
                continue;
            }

            _parent[root] = -1;
            stack.Push(root);
            while (stack.Count > 0)
            {
                var k = stack.Pop();
                preorder.Add(k);
                foreach (var (other, otherDownstream) in adjacency[k])
                {
                    if (_parent[other] == -2)
                    {
                        _parent[other] = k;
                        _parentDownstream[other] = !otherDownstream;
                        stack.Push(other);
                    }
                }
            }
        }

        _order = [.. Enumerable.Reverse(preorder)];
        var up = new List<int>[n];
        var down = new List<int>[n];
        for (var j = 0; j < n; j++)
        {
            up[j] = [];
            down[j] = [];
        }

        foreach (var k in preorder)
        {
            var p = _parent[k];
            if (p >= 0)
            {
                (_parentDownstream[k] ? up[p] : down[p]).Add(k);
            }
        }

        _upChildren = Array.ConvertAll(up, l => l.ToArray());
        _downChildren = Array.ConvertAll(down, l => l.ToArray());
        _best = new double[n][];
        _bestArg = new int[n][];
        _innerArg = new int[n][];
        var width = 1;
        for (var k = 0; k < n; k++)
        {
            var st = stageOf[k];
            var size = _parentDownstream[k] ? problem.M[st] + 1 : problem.SIHi[st] + 1;
            _best[k] = new double[size];
            _bestArg[k] = new int[size];
            _innerArg[k] = new int[size];
            width = Math.Max(width, problem.M[st] + 1);
        }

        _a = new double[width];
        _b = new double[width];
        _reversed = new double[width];
    }

    /// <summary>
    /// Minimises sum_k scale_k c_k(tau_k) + linS_k S_k + linSI_k SI_k over the tree constraints and the domains (given
    /// per stage, shared by its copies); writes the minimiser (per node) to <paramref name="s"/>/<paramref name="si"/>.
    /// Returns +infinity when the domains are infeasible.
    /// </summary>
    public double Solve(int[] sLo, int[] sHi, int[] siLo, int[] siHi, double[]? linS, double[]? linSI, int[] s, int[] si) =>
        Solve(sLo, sHi, siLo, siHi, linS, linSI, null, s, si);

    /// <inheritdoc cref="Solve(int[], int[], int[], int[], double[], double[], int[], int[])"/>
    public double Solve(int[] sLo, int[] sHi, int[] siLo, int[] siHi, double[]? linS, double[]? linSI, double[]? scale, int[] s, int[] si)
    {
        var scaled = _scaled ??= new double[_a.Length];
        var rootTotal = 0.0;
        var rootS = new List<(int K, int S, int SI)>();
        foreach (var k in _order)
        {
            var st = _stageOf[k];
            var t = _p.T[st];
            var c = _p.Cost[st];
            var mk = _p.M[st];
            if (scale is not null && scale[k] != 1.0)
            {
                var f = scale[k];
                for (var tau = 0; tau <= mk; tau++)
                {
                    scaled[tau] = f * c[tau];
                }

                c = scaled;
            }

            var sl = sLo[st];
            var sh = Math.Min(sHi[st], mk);
            var il = siLo[st];
            var ih = Math.Min(siHi[st], _p.SIHi[st]);
            var siTop = _p.SIHi[st];
            if (sl > sh || il > ih)
            {
                return double.PositiveInfinity;
            }

            var ls = linS?[k] ?? 0.0;
            var lsi = linSI?[k] ?? 0.0;
            var a = _a;
            var b = _b;
            for (var x = 0; x <= mk; x++)
            {
                if (x < sl || x > sh)
                {
                    a[x] = double.PositiveInfinity;
                    continue;
                }

                var v = ls * x;
                foreach (var ch in _downChildren[k])
                {
                    v += _best[ch][x];
                }

                a[x] = v;
            }

            for (var x = 0; x <= siTop; x++)
            {
                if (x < il || x > ih)
                {
                    b[x] = double.PositiveInfinity;
                    continue;
                }

                var v = lsi * x;
                foreach (var ch in _upChildren[k])
                {
                    v += _best[ch][Math.Min(x, _p.M[_stageOf[ch]])];
                }

                b[x] = v;
            }

            if (_parent[k] < 0)
            {
                var bestV = double.PositiveInfinity;
                int bs = -1, bi = -1;
                for (var sv = sl; sv <= sh; sv++)
                {
                    if (double.IsPositiveInfinity(a[sv]))
                    {
                        continue;
                    }

                    for (var x = Math.Max(il, sv - t); x <= ih; x++)
                    {
                        var v = a[sv] + c[x + t - sv] + b[x];
                        if (v < bestV)
                        {
                            bestV = v;
                            bs = sv;
                            bi = x;
                        }
                    }
                }

                if (bs < 0)
                {
                    return double.PositiveInfinity;
                }

                rootTotal += bestV;
                rootS.Add((k, bs, bi));
            }
            else if (_parentDownstream[k])
            {
                SolveF(k, a, b, c, t, mk, sl, sh, il, ih);
            }
            else
            {
                SolveG(k, a, b, c, t, mk, sl, sh, il, ih, siTop);
            }
        }

        Reconstruct(rootS, s, si);
        return rootTotal;
    }

    private void SolveF(int k, double[] a, double[] b, double[] c, int t, int mk, int sl, int sh, int il, int ih)
    {
        // f_k(S) for S = 0..M_k, then its prefix minimum (what the downstream parent sees for SI_parent >= S).
        var best = _best[k];
        var arg = _bestArg[k];
        var inner = _innerArg[k];
        var run = double.PositiveInfinity;
        var runArg = -1;
        for (var sv = 0; sv <= mk; sv++)
        {
            var f = double.PositiveInfinity;
            var fi = -1;
            if (sv >= sl && sv <= sh && !double.IsPositiveInfinity(a[sv]))
            {
                var lo = Math.Max(il, sv - t);
                if (lo <= ih)
                {
                    f = MinPlus.FirstMin(c.AsSpan(lo + t - sv, ih - lo + 1), b.AsSpan(lo, ih - lo + 1), out var at);
                    fi = at < 0 ? -1 : lo + at;
                }

                f += a[sv];
            }

            inner[sv] = fi;
            if (f < run)
            {
                run = f;
                runArg = sv;
            }

            best[sv] = run;
            arg[sv] = runArg;
        }
    }

    private void SolveG(int k, double[] a, double[] b, double[] c, int t, int mk, int sl, int sh, int il, int ih, int top)
    {
        var reversed = _reversed;
        for (var i = 0; i <= mk; i++)
        {
            reversed[i] = c[mk - i];
        }

        // g_k(SI) for SI = 0..M_k - T_k, then its suffix minimum (what the upstream parent sees for S_parent <= SI).
        var best = _best[k];
        var arg = _bestArg[k];
        var inner = _innerArg[k];
        var run = double.PositiveInfinity;
        var runArg = -1;
        for (var x = top; x >= 0; x--)
        {
            var g = double.PositiveInfinity;
            var gs = -1;
            if (x >= il && x <= ih && !double.IsPositiveInfinity(b[x]))
            {
                var hiS = Math.Min(sh, x + t);
                if (sl <= hiS)
                {
                    // c[x + t - S] for ascending S is the reversed cost table read forwards.
                    g = MinPlus.FirstMin(reversed.AsSpan(mk - x - t + sl, hiS - sl + 1), a.AsSpan(sl, hiS - sl + 1), out var at);
                    gs = at < 0 ? -1 : sl + at;
                }

                g += b[x];
            }

            inner[x] = gs;
            if (g <= run && g < double.PositiveInfinity)
            {
                run = g;
                runArg = x;
            }

            best[x] = run;
            arg[x] = runArg;
        }
    }

    private void Reconstruct(List<(int K, int S, int SI)> roots, int[] s, int[] si)
    {
        foreach (var (k, sv, x) in roots)
        {
            s[k] = sv;
            si[k] = x;
        }

        for (var idx = _order.Length - 1; idx >= 0; idx--)
        {
            var k = _order[idx];
            var p = _parent[k];
            if (p < 0)
            {
                continue;
            }

            if (_parentDownstream[k])
            {
                var sv = _bestArg[k][Math.Min(si[p], _p.M[_stageOf[k]])];
                s[k] = sv;
                si[k] = _innerArg[k][sv];
            }
            else
            {
                var x = _bestArg[k][s[p]];
                si[k] = x;
                s[k] = _innerArg[k][x];
            }
        }
    }

    private static int[] Identity(int n)
    {
        var map = new int[n];
        for (var k = 0; k < n; k++)
        {
            map[k] = k;
        }

        return map;
    }

    private static (int From, int To)[] TreeArcs(GsmProblem problem, bool[] inTree)
    {
        var arcs = new List<(int, int)>();
        for (var a = 0; a < inTree.Length; a++)
        {
            if (inTree[a])
            {
                arcs.Add((problem.Network.ArcFrom[a], problem.Network.ArcTo[a]));
            }
        }

        return [.. arcs];
    }
}
