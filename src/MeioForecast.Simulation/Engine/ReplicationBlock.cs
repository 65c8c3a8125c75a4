using MeioForecast.Core.Distributions;
using MeioForecast.Simulation.Options;

namespace MeioForecast.Simulation.Engine;

/// <summary>
/// Simulates a block of replications side by side: every state variable is an array over the block's lanes
/// (replications), updated stage by stage and period by period. Lane r draws only from its own stream, so a
/// replication's path does not depend on the block it runs in, nor on the thread.
/// </summary>
internal sealed class ReplicationBlock
{
    private readonly SimulationPlan _plan;
    private readonly bool _expedite;
    private readonly bool _clamp;
    private readonly int _n;
    private readonly Xoshiro256StarStar[] _rng;
    private readonly Xoshiro256StarStar[]? _blockRng;
    private readonly double[] _spare;
    private readonly bool[] _hasSpare;
    private readonly double[] _release;
    private readonly double[][] _onHand, _customerBacklog, _allowed, _arrivals, _orders, _customer;
    private readonly double[][] _linkBacklog, _components;
    private readonly BlockBootstrap _blocks;
    private readonly StageTally[][] _totals;
    private readonly StageTally[][] _tally;
    private readonly int _first;
    private readonly TraceRecorder? _trace;

    public ReplicationBlock(SimulationPlan plan, SimulationOptions options, int firstReplication, int lanes, StageTally[][] totals, TraceRecorder? trace)
    {
        _plan = plan;
        _expedite = options.Shortfall == ShortfallPolicy.Expedite;
        _clamp = options.ClampNegativeDemand;
        _n = lanes;
        _totals = totals;
        _first = firstReplication;
        _trace = trace;
        _rng = new Xoshiro256StarStar[lanes];
        for (var lane = 0; lane < lanes; lane++)
        {
            _rng[lane] = new Xoshiro256StarStar(options.Seed, (ulong)(firstReplication + lane));
        }

        if (options.BlockSeed is { } blockSeed)
        {
            _blockRng = new Xoshiro256StarStar[lanes];
            for (var lane = 0; lane < lanes; lane++)
            {
                _blockRng[lane] = new Xoshiro256StarStar(blockSeed, (ulong)(firstReplication + lane));
            }
        }

        _spare = new double[lanes];
        _hasSpare = new bool[lanes];
        _release = new double[lanes];
        var s = plan.StageCount;
        _onHand = Jagged(s, _ => lanes);
        _customerBacklog = Jagged(s, _ => lanes);
        _allowed = Jagged(s, _ => lanes);
        _arrivals = Jagged(s, j => plan.ArrivalSlots[j] * lanes);
        _orders = Jagged(s, j => plan.OrderSlots[j] * lanes);
        _customer = Jagged(s, j => plan.CustomerSlots[j] * lanes);
        _blocks = new BlockBootstrap(lanes);
        _linkBacklog = Jagged(plan.LinkUp.Length, _ => lanes);
        _components = Jagged(plan.LinkUp.Length, _ => lanes);
        _tally = new StageTally[s][];
        for (var j = 0; j < s; j++)
        {
            Array.Fill(_onHand[j], plan.BaseStock[j]);
            _tally[j] = new StageTally[lanes];
        }
    }

    public void Run()
    {
        for (var t = 0; t < _plan.TotalPeriods; t++)
        {
            var measured = t >= _plan.WarmUp;
            for (var o = _plan.Order.Length - 1; o >= 0; o--)
            {
                PlaceOrders(_plan.Order[o], t);
            }

            foreach (var j in _plan.Order)
            {
                Replenish(j, t);
                if (_plan.DownLinks[j].Length == 0)
                {
                    ShipToCustomers(j, t, measured);
                }
                else
                {
                    Ship(j, t, measured);
                }
            }
        }

        for (var j = 0; j < _tally.Length; j++)
        {
            _tally[j].CopyTo(_totals[j], _first);
        }
    }

    /// <summary>The common case of a stage with customers only: backlog first, then the demand due at t (placed at t - S_j).</summary>
    private void ShipToCustomers(int j, int t, bool measured)
    {
        var n = _n;
        var s = _plan.ServiceTime[j];
        var customerDue = _customer[j].AsSpan((t + 1) % (s + 1) * n, n);
        var onHand = _onHand[j].AsSpan(0, n);
        var customerBacklog = _customerBacklog[j].AsSpan(0, n);
        var thisPeriod = _orders[j].AsSpan((t % _plan.OrderSlots[j]) * n, n);
        var tally = _tally[j].AsSpan(0, n);
        for (var lane = 0; lane < n; lane++)
        {
            var stock = onHand[lane];
            var available = stock > 0.0 ? stock : 0.0;
            var backlog = customerBacklog[lane];
            var due = customerDue[lane];
            var served = Math.Min(available, backlog);
            var filled = Math.Min(available - served, due);
            var open = backlog - served + (due - filled);
            customerBacklog[lane] = open;
            stock -= served + filled;
            onHand[lane] = stock;
            if (measured)
            {
                tally[lane].Add(backlog + due > available + 1e-9 * (1.0 + backlog + due), due, filled, stock > 0.0 ? stock : 0.0, open, 0.0, thisPeriod[lane]);
            }
        }

        if (measured)
        {
            _trace?.Record(j, t, thisPeriod[0], onHand[0], customerBacklog[0], 0.0);
        }
    }

    /// <summary>Demand of stage j in period t: customer demand plus phi times each downstream stage's order (pass-through ordering).</summary>
    private void PlaceOrders(int j, int t)
    {
        var n = _n;
        var orders = _orders[j].AsSpan((t % _plan.OrderSlots[j]) * n, n);
        var customer = _customer[j].AsSpan((t % _plan.CustomerSlots[j]) * n, n);
        var demand = _plan.Demand[j];
        if (demand is null)
        {
            customer.Clear();
        }
        else if (demand.Path is { } path)
        {
            customer.Fill(path[t]);
        }
        else if (t < _plan.WarmUp && demand.WarmUpPath is { } warmUp)
        {
            customer.Fill(warmUp[t]);
        }
        else
        {
            var distribution = _plan.DistributionAt(j, t);
            if (demand.Replay is { } replay)
            {
                // Forecast step of period t: measured period p uses distribution p mod H (warm-up periods continue the cycle backwards).
                var h = replay.Paths.Horizon;
                var phase = (((t - _plan.WarmUp) % h) + h) % h;
                for (var lane = 0; lane < n; lane++)
                {
                    customer[lane] = _blockRng is null
                        ? Clamp(distribution.Quantile(_blocks.Next(t, phase, lane, replay, ref _rng[lane], ref _rng[lane])))
                        : Clamp(distribution.Quantile(_blocks.Next(t, phase, lane, replay, ref _blockRng[lane], ref _rng[lane])));
                }
            }
            else if (distribution is NormalDistribution normal)
            {
                for (var lane = 0; lane < n; lane++)
                {
                    customer[lane] = Clamp(normal.Mu + normal.Sigma * NextStandardNormal(lane));
                }
            }
            else
            {
                for (var lane = 0; lane < n; lane++)
                {
                    customer[lane] = Clamp(distribution.Quantile(_rng[lane].NextOpenUnit()));
                }
            }
        }

        customer.CopyTo(orders);
        foreach (var l in _plan.DownLinks[j])
        {
            var k = _plan.LinkDown[l];
            var q = _plan.LinkQuantity[l];
            var downstream = _orders[k].AsSpan((t % _plan.OrderSlots[k]) * n, n);
            for (var lane = 0; lane < n; lane++)
            {
                orders[lane] += q * downstream[lane];
            }
        }
    }

    /// <summary>Releases orders whose inbound service time has passed and whose components have arrived, then receives.</summary>
    private void Replenish(int j, int t)
    {
        var n = _n;
        var slots = _plan.OrderSlots[j];
        var startSlot = ((t - _plan.InboundServiceTime[j]) % slots + slots) % slots;
        var starting = _orders[j].AsSpan(startSlot * n, n);
        var allowed = _allowed[j];
        var ups = _plan.UpLinks[j];
        var table = _plan.LeadTimes[j];
        var arrivalSlots = _plan.ArrivalSlots[j];
        var arrivals = _arrivals[j];
        var onHand = _onHand[j];
        var baseSlot = (t + _plan.ProcessingTime[j]) % arrivalSlots;
        var release = _release.AsSpan(0, n);
        if (ups.Length == 0)
        {
            // Source stage: the external supplier ships every order exactly SI_j periods after it is placed.
            for (var lane = 0; lane < n; lane++)
            {
                release[lane] = allowed[lane] + starting[lane];
                allowed[lane] = 0.0;
            }
        }
        else if (ups.Length == 1)
        {
            var components = _components[ups[0]].AsSpan(0, n);
            for (var lane = 0; lane < n; lane++)
            {
                var wanted = allowed[lane] + starting[lane];
                var r = Math.Min(wanted, components[lane]);
                release[lane] = r;
                allowed[lane] = wanted - r;
                components[lane] -= r;
            }
        }
        else
        {
            for (var lane = 0; lane < n; lane++)
            {
                var wanted = allowed[lane] + starting[lane];
                var r = wanted;
                foreach (var l in ups)
                {
                    r = Math.Min(r, _components[l][lane]);
                }

                release[lane] = r;
                allowed[lane] = wanted - r;
                foreach (var l in ups)
                {
                    _components[l][lane] -= r;
                }
            }
        }

        if (table.IsStochastic)
        {
            for (var lane = 0; lane < n; lane++)
            {
                var slot = baseSlot + table.Sample(ref _rng[lane]);
                arrivals[(slot >= arrivalSlots ? slot - arrivalSlots : slot) * n + lane] += release[lane];
            }
        }
        else
        {
            var slot = (baseSlot + table.Fixed) % arrivalSlots;
            var target = arrivals.AsSpan(slot * n, n);
            for (var lane = 0; lane < n; lane++)
            {
                target[lane] += release[lane];
            }
        }

        var now = arrivals.AsSpan((t % arrivalSlots) * n, n);
        for (var lane = 0; lane < n; lane++)
        {
            onHand[lane] += now[lane];
        }

        _trace?.Received(j, t, now[0]);
        now.Clear();
    }

    /// <summary>Ships backlog first, then the claims due this period (pro rata when short); expedites or backorders internal shortfalls.</summary>
    private void Ship(int j, int t, bool measured)
    {
        var n = _n;
        var s = _plan.ServiceTime[j];
        var customerDue = _customer[j].AsSpan(((t - s) % (s + 1) + s + 1) % (s + 1) * n, n);
        var downs = _plan.DownLinks[j];
        var onHand = _onHand[j];
        var customerBacklog = _customerBacklog[j];
        var thisPeriod = _orders[j].AsSpan((t % _plan.OrderSlots[j]) * n, n);
        Span<int> dueSlot = downs.Length <= 64 ? stackalloc int[downs.Length] : new int[downs.Length];
        for (var d = 0; d < downs.Length; d++)
        {
            var k = _plan.LinkDown[downs[d]];
            var slots = _plan.OrderSlots[k];
            dueSlot[d] = ((t - s) % slots + slots) % slots;
        }

        var m = downs.Length + 1; // claimants: downstream links, then the customers
        Span<double> claims = m <= 32 ? stackalloc double[m] : new double[m];
        Span<double> shares = m <= 32 ? stackalloc double[m] : new double[m];
        for (var lane = 0; lane < n; lane++)
        {
            var available = Math.Max(onHand[lane], 0.0);

            // Oldest claims first: the backlog, pro rata across claimants.
            for (var d = 0; d < downs.Length; d++)
            {
                claims[d] = _linkBacklog[downs[d]][lane];
            }

            claims[m - 1] = customerBacklog[lane];
            var backlog = ClaimAllocation.Allocate(claims, available, shares);
            var served = Math.Min(available, backlog);
            for (var d = 0; d < downs.Length; d++)
            {
                var l = downs[d];
                _linkBacklog[l][lane] -= shares[d];
                _components[l][lane] += shares[d] / _plan.LinkQuantity[l];
            }

            customerBacklog[lane] -= shares[m - 1];

            // Then this period's due claims (placed S_j periods ago), pro rata when short.
            for (var d = 0; d < downs.Length; d++)
            {
                var l = downs[d];
                claims[d] = _plan.LinkQuantity[l] * _orders[_plan.LinkDown[l]][dueSlot[d] * n + lane];
            }

            claims[m - 1] = customerDue[lane];
            var due = ClaimAllocation.Allocate(claims, available - served, shares);
            var filled = Math.Min(available - served, due);
            customerBacklog[lane] += claims[m - 1] - shares[m - 1];
            var expedited = 0.0;
            for (var d = 0; d < downs.Length; d++)
            {
                var l = downs[d];
                var q = _plan.LinkQuantity[l];
                var shortfall = claims[d] - shares[d];
                if (_expedite)
                {
                    expedited += shortfall;
                    _components[l][lane] += claims[d] / q;
                }
                else
                {
                    _linkBacklog[l][lane] += shortfall;
                    _components[l][lane] += shares[d] / q;
                }
            }

            onHand[lane] -= served + filled + expedited;
            if (!measured)
            {
                continue;
            }

            var open = customerBacklog[lane];
            foreach (var l in downs)
            {
                open += _linkBacklog[l][lane];
            }

            var stockout = backlog + due > available + 1e-9 * (1.0 + backlog + due);
            _tally[j][lane].Add(stockout, due, filled, Math.Max(onHand[lane], 0.0), open, expedited, thisPeriod[lane]);
            if (lane == 0)
            {
                _trace?.Record(j, t, thisPeriod[0], onHand[0], open, expedited);
            }
        }
    }

    private double NextStandardNormal(int lane)
    {
        // Box & Muller (1958), Ann. Math. Statist. 29(2):610-611: two exact N(0,1) draws from two uniforms.
        if (_hasSpare[lane])
        {
            _hasSpare[lane] = false;
            return _spare[lane];
        }

        var radius = Math.Sqrt(-2.0 * Math.Log(_rng[lane].NextOpenUnit()));
        var (sin, cos) = Math.SinCos(2.0 * Math.PI * _rng[lane].NextOpenUnit());
        _spare[lane] = radius * sin;
        _hasSpare[lane] = true;
        return radius * cos;
    }

    private double Clamp(double x) => _clamp && x < 0.0 ? 0.0 : x;

    private static double[][] Jagged(int count, Func<int, int> length)
    {
        var result = new double[count][];
        for (var i = 0; i < count; i++)
        {
            result[i] = new double[length(i)];
        }

        return result;
    }
}
