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
    private int[]? _keepS;
    private int[]? _keepSI;

    private double Cutoff => _upper - (_o.RelativeGapTolerance * Math.Abs(_upper)) - 1e-12;

    /// <summary>Subgradient ascent on the Lagrangian dual at the root (Polyak steps toward the incumbent cost).</summary>
    private double OptimiseMultipliers(Multipliers m)
    {
        ResetDomains();
        Propagate();
        return Ascend(m, _o.LagrangianIterations, 1.0, repair: true);
    }

    /// <summary>
    /// Subgradient ascent on the current domains from <paramref name="m"/>; leaves the best multipliers in it and their
    /// relaxed solution in _s/_si, and returns the best bound seen (every iterate's value is a valid bound on these domains).
    /// </summary>
    private double Ascend(Multipliers m, int iterations, double theta, bool repair)
    {
        _keepS ??= new int[_x];
        _keepSI ??= new int[_x];
        var best = double.NegativeInfinity;
        var bestM = m.Clone();
        var stall = 0;
        var count = _ntFrom.Length;
        var gw = new double[count];
        var gs = new double[count];
        var gsi = new double[count];
        for (var it = 0; it <= iterations; it++)
        {
            SetPrices(m);
            var value = _xDp.Solve(_sLo, _sHi, _siLo, _siHi, _linS, _linSI, _scale, _s, _si);
            if (value > best + (1e-12 * Math.Abs(value)))
            {
                best = value;
                bestM = m.Clone();
                Array.Copy(_s, _keepS, _x);
                Array.Copy(_si, _keepSI, _x);
                stall = 0;
            }
            else if (++stall >= 6)
            {
                theta *= 0.5;
                stall = 0;
            }

            double normW = 0.0, normMu = 0.0;
            for (var e = 0; e < count; e++)
            {
                var i = _copyOf[e];
                var c = _n + e;
                var cost = _p.Cost[i];
                gw[e] = cost[_si[c] + _p.T[i] - _s[c]] - cost[_si[i] + _p.T[i] - _s[i]];
                gs[e] = _s[i] - _s[c];
                gsi[e] = _singleSI[i] ? 0.0 : _si[i] - _si[c];
                normW += gw[e] * gw[e];
                normMu += (gs[e] * gs[e]) + (gsi[e] * gsi[e]);
            }

            if (repair && (it == 0 || (it >= 8 && (it & (it - 1)) == 0)))
            {
                Repair();
            }

            if (double.IsPositiveInfinity(value) || it == iterations || best >= Cutoff || theta < 1e-3 || (normW == 0.0 && normMu == 0.0))
            {
                break;
            }

            var gap = _upper - value;
            var stepW = normW > 0.0 ? 0.5 * theta * gap / normW : 0.0;
            var stepMu = normMu > 0.0 ? 0.5 * theta * gap / normMu : 0.0;
            for (var e = 0; e < count; e++)
            {
                m.W[e] = Math.Max(0.0, m.W[e] + (stepW * gw[e]));
                m.MuS[e] += stepMu * gs[e];
                m.MuSI[e] += stepMu * gsi[e];
            }

            NormaliseShares(m);
        }

        CopyInto(bestM, m);
        Array.Copy(_keepS, _s, _x);
        Array.Copy(_keepSI, _si, _x);
        return best;
    }

    private void NormaliseShares(Multipliers m)
    {
        // Keep each stage's copies' shares summing to at most 1 (the stage keeps the rest).
        var total = new double[_n];
        for (var e = 0; e < _ntFrom.Length; e++)
        {
            total[_copyOf[e]] += m.W[e];
        }

        for (var e = 0; e < _ntFrom.Length; e++)
        {
            var sum = total[_copyOf[e]];
            if (sum > 1.0)
            {
                m.W[e] /= sum;
            }
        }
    }

    private static void CopyInto(Multipliers from, Multipliers to)
    {
        Array.Copy(from.W, to.W, from.W.Length);
        Array.Copy(from.MuS, to.MuS, from.W.Length);
        Array.Copy(from.MuSI, to.MuSI, from.W.Length);
    }

    /// <summary>Best-first search; Closed is true when every node was pruned (the gap is then within the tolerance).</summary>
    private (double Lower, long Nodes, bool Closed) Search(Multipliers m, double rootBound)
    {
        var queue = new PriorityQueue<Node, (double, long)>();
        long sequence = 0;
        queue.Enqueue(new Node(null, [], rootBound, m), (rootBound, sequence++));
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

            var local = node.Multipliers;
            double value;
            if (_o.NodeLagrangianIterations > 0 && node.Parent is not null)
            {
                // Ascend leaves the relaxed solution of its best multipliers in _s/_si: no extra solve.
                local = local.Clone();
                value = Math.Max(node.Bound, Ascend(local, _o.NodeLagrangianIterations, 0.5, repair: false));
            }
            else
            {
                SetPrices(local);
                value = Math.Max(node.Bound, _xDp.Solve(_sLo, _sHi, _siLo, _siHi, _linS, _linSI, _scale, _s, _si));
            }
            if (double.IsPositiveInfinity(value))
            {
                continue;
            }

            if (OriginalIsFeasible())
            {
                Offer(_s, _si, _p.Evaluate(_s, _si));
            }

            if (value >= Cutoff)
            {
                prunedMin = Math.Min(prunedMin, value);
                continue;
            }

            var children = Branch(local);
            if (children is null)
            {
                // Every copy agrees with its stage: the relaxed value is the true cost of a feasible solution.
                prunedMin = Math.Min(prunedMin, value);
                continue;
            }

            if ((explored & (explored - 1)) == 0 || explored % 64 == 0)
            {
                var keepS = (int[])_s.Clone();
                var keepSI = (int[])_si.Clone();
                Repair();
                Array.Copy(keepS, _s, _x);
                Array.Copy(keepSI, _si, _x);
            }

            foreach (var changes in children)
            {
                queue.Enqueue(new Node(node, changes, value, local), (value, sequence++));
            }
        }

        var lower = Math.Min(prunedMin, _upper);
        var closed = queue.Count == 0;
        while (queue.TryDequeue(out var open, out _))
        {
            lower = Math.Min(lower, open.Bound);
        }

        return (lower, explored, closed);
    }

    /// <summary>Branches on the active copy whose disagreement with its stage weighs most; null when all agree.</summary>
    private Change[][]? Branch(Multipliers m)
    {
        var bestE = -1;
        var bestScore = -1.0;
        for (var e = 0; e < _ntFrom.Length; e++)
        {
            var i = _copyOf[e];
            var c = _n + e;
            if (!_active[e] || (_s[i] == _s[c] && _si[i] == _si[c]))
            {
                continue;
            }

            var cost = _p.Cost[i];
            var score = (m.W[e] * Math.Abs(cost[_si[c] + _p.T[i] - _s[c]] - cost[_si[i] + _p.T[i] - _s[i]]))
                + (Math.Abs(m.MuS[e]) * Math.Abs(_s[i] - _s[c]))
                + (Math.Abs(m.MuSI[e]) * Math.Abs(_si[i] - _si[c]))
                + (1e-9 * (Math.Abs(_s[i] - _s[c]) + Math.Abs(_si[i] - _si[c])));
            if (score > bestScore)
            {
                bestScore = score;
                bestE = e;
            }
        }

        if (bestE < 0)
        {
            return null;
        }

        var stage = _copyOf[bestE];
        var copy = _n + bestE;
        if (_s[stage] != _s[copy])
        {
            var v = Math.Min(_s[stage], _s[copy]);
            return [[new Change(SHiKind, stage, v)], [new Change(SLoKind, stage, v + 1)]];
        }

        var w = Math.Min(_si[stage], _si[copy]);
        return [[new Change(SIHiKind, stage, w)], [new Change(SILoKind, stage, w + 1)]];
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
    /// Turns the relaxed solution in _s/_si (which may break non-tree arcs) into incumbents: fix thresholds t_e
    /// (S_i &lt;= t_e &lt;= SI_j) at the stage's S_i, the copy's S, or SI_j, solve the resulting tree problem exactly,
    /// then move every t_e to the current S_i, then to the current SI_j, while the cost falls. Overwrites _s/_si.
    /// </summary>
    private void Repair()
    {
        _rLo ??= new int[_n];
        _rHi ??= new int[_n];
        _rSiLo ??= new int[_n];
        _rSiHi ??= new int[_n];
        var relaxedS = (int[])_s.Clone();
        var relaxedSI = (int[])_si.Clone();
        var t = new int[_ntFrom.Length];
        var curS = new int[_n];
        var curSI = new int[_n];
        for (var start = 0; start < 3; start++)
        {
            for (var e = 0; e < t.Length; e++)
            {
                var i = _ntFrom[e];
                var j = _ntTo[e];
                var raw = start switch
                {
                    0 => relaxedS[i],
                    1 => _copyOf[e] == i ? relaxedS[_n + e] : relaxedSI[_n + e],
                    _ => relaxedSI[j],
                };
                t[e] = Math.Clamp(raw, _p.SILo[j], _p.SIHi[j]);
            }

            var cost = SolveWithThresholds(t);
            Array.Copy(_s, curS, _n);
            Array.Copy(_si, curSI, _n);
            for (var round = 0; round < 8; round++)
            {
                var improved = false;
                for (var side = 0; side < 2; side++)
                {
                    for (var e = 0; e < t.Length; e++)
                    {
                        t[e] = side == 0 ? curS[_ntFrom[e]] : curSI[_ntTo[e]];
                    }

                    var next = SolveWithThresholds(t);
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

            Offer(curS, curSI, _p.Evaluate(curS, curSI));
        }
    }

    private double SolveWithThresholds(int[] t)
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

        return _treeDp.Solve(_rLo!, _rHi!, _rSiLo!, _rSiHi!, null, null, _s, _si);
    }

    private readonly record struct Change(int Kind, int Index, int Value);

    private sealed record Node(Node? Parent, Change[] Changes, double Bound, Multipliers Multipliers);
}
