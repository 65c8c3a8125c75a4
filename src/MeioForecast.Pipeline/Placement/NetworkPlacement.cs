using MeioForecast.Core.Keys;
using MeioForecast.Optimization.Gsm;

namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// Network placement with the Guaranteed Service Model (Graves &amp; Willems 2000): each sku's network (its planned
/// nodes and the lanes between them; external suppliers quote service time 0) is optimized by <see cref="GsmOptimizer"/>.
/// Stage j: T_j = processing time + the longest inbound lane's mean lead time, rounded up to whole periods;
/// h_j = unit cost x holding-cost rate; demand bound from the node's forecast moments at its own service level
/// (<see cref="LeadTimeDemandBound"/>); customer-facing nodes (no outbound lane) quote at most their maximum service
/// time (default 0), other nodes are free unless a maximum is given. Same service targets as
/// <see cref="SingleEchelonPlacement"/>, whose placement (all S = 0) is one feasible solution here.
/// <para>
/// Random lead times (normal bound): a stage's supply lane is late by L - E[L]. By default (the classical GSM) a stage
/// whose net replenishment time is 0 holds nothing and its lateness reaches the stages it supplies without entering
/// their bound; the service check's calibration then sizes them on the simulated network, which on data-samples held
/// out gives the target with a third less stock than single-echelon (docs/holdout.md). Where that cannot reach the
/// target (stores whose buffer is under one late period of demand: Walmart's DCs), <see cref="Fallback"/> covers the
/// lateness (Humair, Ruark, Tomlin &amp; Willems 2013, Interfaces 43(5):421-434, put it at the stage itself): either the
/// stage holds stock for it (its bound carries mu^2 sigma_L^2 at every tau, also when it quotes S = SI + T), or an
/// internal stage that holds nothing (tau = 0) passes it on with its service time and each stage it supplies covers
/// the variance of its own lane plus the passed one (and may pass the sum on in turn). Which internal stages pass is
/// chosen by cost, the GSM solved once per choice: every subset of the sku's internal random-lane stages when there are
/// at most <see cref="ExhaustiveLimit"/>, else single flips from "all cover" while they lower the cost; a choice whose
/// passing stage ends up holding stock (tau &gt; 0) is not counted. The distribution bound always covers lateness at
/// the stage (its lead-time exposure).
/// </para>
/// </summary>
public sealed class NetworkPlacement : IStockPlacement
{
    /// <summary>Most internal random-lane stages of one sku network whose pass/cover choices are all tried (2^6 solves).</summary>
    public const int ExhaustiveLimit = 6;

    private readonly GsmOptimizer _optimizer;
    private readonly bool _coversLateness;

    /// <summary>Creates the placement; it leaves lateness at stages with tau = 0 to the calibration (class remarks).</summary>
    public NetworkPlacement(GsmSolverOptions? options = null)
        : this(options, coversLateness: false)
    {
    }

    private NetworkPlacement(GsmSolverOptions? options, bool coversLateness)
    {
        _optimizer = new GsmOptimizer(options);
        _coversLateness = coversLateness;
        Fallback = coversLateness ? null : new NetworkPlacement(options, coversLateness: true);
    }

    /// <inheritdoc />
    public string Name => "network-gsm";

    /// <summary>The same placement covering every random lane's lateness somewhere (class remarks); null on that one.</summary>
    public IStockPlacement? Fallback { get; }

    /// <inheritdoc />
    public IReadOnlyList<TargetRow> PlaceSku(SkuNetwork network, NodeDemand demand, IReadOnlyDictionary<SkuNode, double>? serviceLevels = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(demand);
        var levels = network.Stages.Select(s => serviceLevels?.GetValueOrDefault(s.Key, s.Node.ServiceLevel) ?? s.Node.ServiceLevel).ToArray();
        if (!_coversLateness || demand.BoundKind != DemandBoundKind.Normal)
        {
            var classical = Solve(network, demand, levels, [], 0, latenessAtZero: false);
            return Rows(network, classical, classical.Solution.LowerBound, classical.Solution.ProvenOptimal, coversLateness: false);
        }

        var candidates = Enumerable.Range(0, network.Stages.Count).Where(j => !network.Stages[j].CustomerFacing && network.Stages[j].LeadTimeSd > 0).ToArray();
        var best = Solve(network, demand, levels, candidates, 0);
        var lowerBound = best.Solution.LowerBound;
        var proven = best.Solution.ProvenOptimal;
        if (candidates.Length <= ExhaustiveLimit)
        {
            for (var mask = 1; mask < 1 << candidates.Length; mask++)
            {
                Consider(Solve(network, demand, levels, candidates, mask));
            }
        }
        else
        {
            var improved = true;
            while (improved)
            {
                improved = false;
                var current = best;
                for (var c = 0; c < candidates.Length; c++)
                {
                    var flipped = Solve(network, demand, levels, candidates, current.Mask ^ (1L << c));
                    if (Consider(flipped))
                    {
                        improved = true;
                    }
                }
            }
        }

        return Rows(network, best, lowerBound, proven, coversLateness: true);

        bool Consider(Choice choice)
        {
            if (!choice.Valid)
            {
                return false;
            }

            lowerBound = Math.Min(lowerBound, choice.Solution.LowerBound);
            proven &= choice.Solution.ProvenOptimal;
            if (choice.Solution.TotalCost < best.Solution.TotalCost)
            {
                best = choice;
                return true;
            }

            return false;
        }
    }

    /// <summary>The GSM with the stages of <paramref name="mask"/> (bits over <paramref name="candidates"/>) passing their lateness on.</summary>
    private Choice Solve(SkuNetwork network, NodeDemand demand, double[] levels, int[] candidates, long mask, bool latenessAtZero = true)
    {
        var count = network.Stages.Count;
        var passes = new bool[count];
        for (var c = 0; c < candidates.Length; c++)
        {
            passes[candidates[c]] = (mask & (1L << c)) != 0;
        }

        var covered = CoveredLeadTimeSd(network, passes);
        var stages = new List<GsmStage>(count);
        var bounds = new PlacementBound[count];
        var arcs = new List<GsmArc>();
        for (var j = 0; j < count; j++)
        {
            var stage = network.Stages[j];
            var node = stage.Node;
            bounds[j] = demand.Bound(stage, levels[j], covered[j], latenessAtZero);
            var maxServiceTime = stage.CustomerFacing ? node.MaxServiceTime ?? 0 : node.MaxServiceTime;
            stages.Add(new GsmStage(node.Key.Location, Math.Max(0, stage.WholeStageTime), node.AnnualHoldingCostPerUnit, bounds[j], maxServiceTime));
            arcs.AddRange(stage.InternalInbound.Select(inbound => new GsmArc(inbound.From, node.Key.Location, inbound.QuantityPerUnit)));
        }

        var solution = _optimizer.Solve(new GsmNetwork(stages, arcs));
        var valid = Enumerable.Range(0, count).All(j => !passes[j] || solution.Stages[j].NetReplenishmentTime == 0);

        return new Choice(mask, solution, bounds, covered, valid);
    }

    /// <summary>
    /// The lead-time sd each stage's buffer covers: 0 for a passing stage; else its own lane's variance plus what its
    /// supplying stage passes on (that stage's own and inherited variance when it passes, nothing when it covers).
    /// </summary>
    private static double[] CoveredLeadTimeSd(SkuNetwork network, bool[] passes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < network.Stages.Count; j++)
        {
            index[network.Stages[j].Key.Location] = j;
        }

        var inherited = new double?[network.Stages.Count];
        var covered = new double[network.Stages.Count];
        for (var j = 0; j < covered.Length; j++)
        {
            covered[j] = passes[j] ? 0.0 : Math.Sqrt(Own(j) + Inherited(j));
        }

        return covered;

        double Own(int j) => network.Stages[j].LeadTimeSd * network.Stages[j].LeadTimeSd;

        // Variance passed into stage j by its supplying stage (the supply lane's origin, when it is a planned node).
        double Inherited(int j)
        {
            if (inherited[j] is { } known)
            {
                return known;
            }

            var value = network.Stages[j].Supply is { } lane && index.TryGetValue(lane.From, out var u) && passes[u] ? Own(u) + Inherited(u) : 0.0;
            inherited[j] = value;
            return value;
        }
    }

    private static List<TargetRow> Rows(SkuNetwork network, Choice choice, double lowerBound, bool proven, bool coversLateness)
    {
        var solution = choice.Solution;
        var gap = solution.TotalCost > 0.0 ? Math.Max(0.0, (solution.TotalCost - lowerBound) / solution.TotalCost) : 0.0;
        var rows = new List<TargetRow>(network.Nodes.Count);
        for (var j = 0; j < network.Nodes.Count; j++)
        {
            var node = network.Nodes[j];
            var result = solution.Stages[j];
            var bound = choice.Bounds[j];
            var tau = result.NetReplenishmentTime;
            var safety = bound.Safety(tau);
            rows.Add(new TargetRow(
                node.Key.Sku,
                node.Key.Location,
                node.ServiceLevel,
                OutboundServiceTime: result.ServiceTime,
                InboundServiceTime: result.InboundServiceTime,
                NetReplenishmentTime: bound.RealTime(tau),
                MeanDemandPerPeriod: bound.MeanPerPeriod,
                SafetyStock: safety,
                BaseStock: bound.ExpectedDemand(tau) + safety,
                HoldingCost: safety * node.AnnualHoldingCostPerUnit)
            {
                SkuNetworkGap = gap,
                SkuNetworkProven = proven,
                CoveredLeadTimeSd = coversLateness ? choice.Covered[j] : null,
            });
        }

        return rows;
    }

    private sealed record Choice(long Mask, GsmSolution Solution, PlacementBound[] Bounds, double[] Covered, bool Valid);
}
