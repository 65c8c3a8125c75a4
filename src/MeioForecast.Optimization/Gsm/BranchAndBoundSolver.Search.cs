namespace MeioForecast.Optimization.Gsm;

/// <summary>Multiplier optimisation, best-first search and incumbent repair of <see cref="BranchAndBoundSolver"/>.</summary>
internal sealed partial class BranchAndBoundSolver
{
    private const int SLoKind = 0;
    private const int SHiKind = 1;
    private const int SILoKind = 2;
    private const int SIHiKind = 3;

    private int[]? _rLo;
    private int[]? _rHi;
    private int[]? _rSiLo;
    private int[]? _rSiHi;

    private double Cutoff => _upper - (_o.RelativeGapTolerance * Math.Abs(_upper)) - 1e-12;

    /// <summary>Subgradient ascent on the Lagrangian dual at the root (Polyak steps toward the incumbent cost).</summary>
    private double OptimiseMultipliers(double[] lambda)
    {
        ResetDomains();
        Propagate();
        var best = double.NegativeInfinity;
        var bestLambda = (double[])lambda.Clone();
        var theta = 2.0;
        var stall = 0;
        var s0 = new int[_n];
        var si0 = new int[_n];
        for (var it = 0; it <= _o.LagrangianIterations; it++)
        {
            SetPrices(lambda);
            var value = _dp.Solve(_sLo, _sHi, _siLo, _siHi, _linS, _linSI, _s, _si);
            Array.Copy(_s, s0, _n);
            Array.Copy(_si, si0, _n);
            if (it % 10 == 0)
            {
                Repair(s0, si0);
            }

            if (value > best + (1e-12 * Math.Abs(value)))
            {
                best = value;
                Array.Copy(lambda, bestLambda, lambda.Length);
                stall = 0;
            }
            else if (++stall >= 8)
            {
                theta *= 0.5;
                stall = 0;
            }

            if (best >= Cutoff || theta < 1e-3)
            {
                break;
            }

            var norm = 0.0;
            for (var e = 0; e < lambda.Length; e++)
            {
                var g = (double)(s0[_ntFrom[e]] - si0[_ntTo[e]]);
                if (g > 0 || lambda[e] > 0)
                {
                    norm += g * g;
                }
            }

            if (norm == 0.0)
            {
                break;
            }

            var step = theta * (_upper - value) / norm;
            for (var e = 0; e < lambda.Length; e++)
            {
                lambda[e] = Math.Max(0.0, lambda[e] + (step * (s0[_ntFrom[e]] - si0[_ntTo[e]])));
            }
        }

        Array.Copy(bestLambda, lambda, lambda.Length);
        return best;
    }

    private (double Lower, long Nodes) Search(double[] lambda, double rootBound)
    {
        var queue = new PriorityQueue<Node, (double, long)>();
        long sequence = 0;
        queue.Enqueue(new Node(null, [], rootBound), (rootBound, sequence++));
        var prunedMin = double.PositiveInfinity;
        long explored = 0;
        while (queue.TryPeek(out var node, out _))
        {
            if (node.Bound >= Cutoff)
            {
                queue.Dequeue();
                prunedMin = Math.Min(prunedMin, node.Bound);
                continue;
            }

            if (explored >= _o.MaxNodes)
            {
                break;
            }

            queue.Dequeue();
            explored++;
            if (!Materialise(node))
            {
                continue;
            }

            SetPrices(lambda);
            var value = Math.Max(node.Bound, _dp.Solve(_sLo, _sHi, _siLo, _siHi, _linS, _linSI, _s, _si));
            if (double.IsPositiveInfinity(value))
            {
                continue;
            }

            var cost = ViolationAndTrueCost(out var feasible);
            if (feasible)
            {
                Offer(_s, _si, cost);
            }
            else if (explored % 16 == 1)
            {
                // Repair uses _s/_si as scratch: keep the relaxed solution for branching.
                var relaxedS = (int[])_s.Clone();
                var relaxedSI = (int[])_si.Clone();
                Repair((int[])_s.Clone(), (int[])_si.Clone());
                Array.Copy(relaxedS, _s, _n);
                Array.Copy(relaxedSI, _si, _n);
            }

            if (value >= Cutoff)
            {
                prunedMin = Math.Min(prunedMin, value);
                continue;
            }

            var children = feasible ? BranchOnSlack(lambda) : BranchOnViolation();
            if (children is null)
            {
                prunedMin = Math.Min(prunedMin, value);
                continue;
            }

            foreach (var changes in children)
            {
                queue.Enqueue(new Node(node, changes, value), (value, sequence++));
            }
        }

        var lower = Math.Min(prunedMin, _upper);
        while (queue.TryDequeue(out var open, out _))
        {
            lower = Math.Min(lower, open.Bound);
        }

        return (lower, explored);
    }

    private List<Change[]>? BranchOnViolation()
    {
        var bestE = -1;
        var bestViolation = 0;
        for (var e = 0; e < _ntFrom.Length; e++)
        {
            var violation = _s[_ntFrom[e]] - _si[_ntTo[e]];
            if (violation > bestViolation)
            {
                bestViolation = violation;
                bestE = e;
            }
        }

        var i = _ntFrom[bestE];
        var j = _ntTo[bestE];
        var v = (_s[i] + _si[j]) / 2;
        return
        [
            [new Change(SHiKind, i, v)],
            [new Change(SLoKind, i, v + 1), new Change(SILoKind, j, v + 1)],
        ];
    }

    private List<Change[]>? BranchOnSlack(double[] lambda)
    {
        // The relaxed solution is feasible but a priced arc has slack (lambda_e (SI_j - S_i) > 0): the bound is below
        // its true cost. Split so that the arc is decided (and unpriced) in one branch and excluded in the others.
        var bestE = -1;
        var bestSlack = 0.0;
        for (var e = 0; e < _ntFrom.Length; e++)
        {
            var i = _ntFrom[e];
            var j = _ntTo[e];
            if (_sHi[i] <= _siLo[j])
            {
                continue;
            }

            var slack = lambda[e] * (_si[j] - _s[i]);
            if (slack > bestSlack)
            {
                bestSlack = slack;
                bestE = e;
            }
        }

        if (bestE < 0)
        {
            return null;
        }

        var a = _ntFrom[bestE];
        var b = _ntTo[bestE];
        var v = _s[a];
        var children = new List<Change[]> { new[] { new Change(SHiKind, a, v), new Change(SILoKind, b, v) } };
        if (v >= 1)
        {
            children.Add([new Change(SIHiKind, b, v - 1)]);
        }

        children.Add([new Change(SLoKind, a, v + 1), new Change(SILoKind, b, v + 1)]);
        return children;
    }

    private bool Materialise(Node node)
    {
        ResetDomains();
        for (var cursor = node; cursor is not null; cursor = cursor.Parent)
        {
            foreach (var change in cursor.Changes)
            {
                var k = change.Index;
                switch (change.Kind)
                {
                    case SLoKind: _sLo[k] = Math.Max(_sLo[k], change.Value); break;
                    case SHiKind: _sHi[k] = Math.Min(_sHi[k], change.Value); break;
                    case SILoKind: _siLo[k] = Math.Max(_siLo[k], change.Value); break;
                    default: _siHi[k] = Math.Min(_siHi[k], change.Value); break;
                }
            }
        }

        return Propagate();
    }

    /// <summary>
    /// Turns service times that may break non-tree arcs into a feasible incumbent: fix thresholds t_e (S_i &lt;= t_e &lt;=
    /// SI_j), solve the resulting tree problem exactly, then move every t_e to the current S_i, then to the current SI_j,
    /// while the cost falls. Returns the repaired times in place.
    /// </summary>
    private void Repair(int[] s, int[] si)
    {
        _rLo ??= new int[_n];
        _rHi ??= new int[_n];
        _rSiLo ??= new int[_n];
        _rSiHi ??= new int[_n];
        var t = new int[_ntFrom.Length];
        var bestS = new int[_n];
        var bestSI = new int[_n];
        var bestCost = double.PositiveInfinity;
        for (var start = 0; start < 2; start++)
        {
            for (var e = 0; e < t.Length; e++)
            {
                t[e] = start == 0
                    ? Math.Min(s[_ntFrom[e]], _p.SIHi[_ntTo[e]])
                    : Math.Clamp(si[_ntTo[e]], _p.SILo[_ntTo[e]], _p.SIHi[_ntTo[e]]);
            }

            var cost = SolveWithThresholds(t, _s, _si);
            var curS = (int[])_s.Clone();
            var curSI = (int[])_si.Clone();
            for (var round = 0; round < 20; round++)
            {
                var improved = false;
                for (var side = 0; side < 2; side++)
                {
                    for (var e = 0; e < t.Length; e++)
                    {
                        t[e] = side == 0 ? curS[_ntFrom[e]] : curSI[_ntTo[e]];
                    }

                    var next = SolveWithThresholds(t, _s, _si);
                    if (next < cost - (1e-12 * Math.Abs(cost)))
                    {
                        cost = next;
                        Array.Copy(_s, curS, _n);
                        Array.Copy(_si, curSI, _n);
                        improved = true;
                    }
                }

                if (!improved)
                {
                    break;
                }
            }

            var trueCost = _p.Evaluate(curS, curSI);
            Offer(curS, curSI, trueCost);
            if (trueCost < bestCost)
            {
                bestCost = trueCost;
                Array.Copy(curS, bestS, _n);
                Array.Copy(curSI, bestSI, _n);
            }
        }

        Array.Copy(bestS, s, _n);
        Array.Copy(bestSI, si, _n);
    }

    private double SolveWithThresholds(int[] t, int[] s, int[] si)
    {
        Array.Clear(_rLo!);
        Array.Copy(_p.SHi, _rHi!, _n);
        Array.Copy(_p.SILo, _rSiLo!, _n);
        Array.Copy(_p.SIHi, _rSiHi!, _n);
        for (var e = 0; e < t.Length; e++)
        {
            _rHi![_ntFrom[e]] = Math.Min(_rHi[_ntFrom[e]], t[e]);
            _rSiLo![_ntTo[e]] = Math.Max(_rSiLo[_ntTo[e]], t[e]);
        }

        return _dp.Solve(_rLo!, _rHi!, _rSiLo!, _rSiHi!, null, null, s, si);
    }

    private readonly record struct Change(int Kind, int Index, int Value);

    private sealed record Node(Node? Parent, Change[] Changes, double Bound);
}
