using MeioForecast.Core.Keys;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Simulation.Engine;
using MeioForecast.Simulation.Network;
using MeioForecast.Simulation.Options;
using MeioForecast.Simulation.Results;

namespace MeioForecast.Pipeline.ServiceCheck;

/// <summary>
/// Service calibration by simulation: each sku's network is placed, then simulated with <see cref="NetworkSimulator"/>
/// (demand drawn from the run's forecast distributions, lead times from the lanes). The shortfall mode is
/// <see cref="ServiceCheckOptions.Shortfall"/>: backorder (default: an upstream shortage delays the downstream
/// replenishment, no extraordinary measure) or expedite (the Guaranteed Service Model's assumption of Graves &amp;
/// Willems 2000, MSOM 2(1):68-83, under which a customer-facing node's service depends on its own base stock only).
/// Each customer-facing node's service level p in its demand bound is searched by a <see cref="ServiceBracket"/>: raised
/// while its simulated cycle service alpha is below its target p* minus the tolerance, lowered (least holding cost)
/// while alpha is above p* plus the tolerance, by secant steps on the normal scale and then bisection between a level
/// that missed and one that met; after each change the sku is re-placed and re-simulated, for at most
/// <see cref="ServiceCheckOptions.MaxRounds"/> rounds. The targets returned are those of the last simulated round.
/// Every round reuses the same random numbers (seed = run seed x 1000003 xor FNV-1a-64 of the sku id, so a sku draws the
/// same numbers in a sharded run). Skus are calibrated in parallel, each independently, so results do not depend on the
/// thread count.
/// </summary>
public sealed class ServiceCalibrator
{
    /// <summary>Creates a calibrator.</summary>
    public ServiceCalibrator(ServiceCheckOptions? options = null)
    {
        Options = options ?? new ServiceCheckOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public ServiceCheckOptions Options { get; }

    /// <summary>Calibrates <paramref name="placement"/> on every sku of <paramref name="plan"/>.</summary>
    public CalibratedTargets Calibrate(
        NetworkPlan plan,
        NodeDemand demand,
        IReadOnlyList<SeriesForecast> forecasts,
        IStockPlacement placement,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<SkuNode, ReplayMember>? replay = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentNullException.ThrowIfNull(placement);
        var byKey = forecasts.ToDictionary(f => f.Key);
        var networks = plan.Skus;
        var outcomes = new (List<(TargetRow Row, NodeService Node)> Rows, int Rounds, int Unmet)[networks.Count];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, networks.Count, parallel, s =>
        {
            var seed = SkuSeed(plan.Settings.Seed, networks[s].Sku);
            outcomes[s] = CalibrateSku(demand, byKey, replay, placement, networks[s], seed);
            // The distribution bound already covers each lane's lateness at its stage: the fallback would place the same.
            if (outcomes[s].Unmet > 0 && demand.BoundKind == DemandBoundKind.Normal && placement.Fallback is { } fallback)
            {
                // Same seed: the two placements face the same simulated demand.
                var covered = CalibrateSku(demand, byKey, replay, fallback, networks[s], seed);
                var cost = outcomes[s].Rows.Sum(r => r.Row.HoldingCost);
                if (covered.Unmet < outcomes[s].Unmet || (covered.Unmet == outcomes[s].Unmet && covered.Rows.Sum(r => r.Row.HoldingCost) < cost))
                {
                    outcomes[s] = covered;
                }
            }
        });
        var rows = outcomes.SelectMany(o => o.Rows).ToList();
        var maxRounds = outcomes.Select(o => o.Rounds).DefaultIfEmpty(0).Max();
        var unmet = outcomes.Sum(o => o.Unmet);
        rows.Sort((a, b) => new SkuNode(a.Row.Sku, a.Row.Location).CompareTo(new SkuNode(b.Row.Sku, b.Row.Location)));
        return new CalibratedTargets(placement.Name, rows.Select(r => r.Row).ToArray(), rows.Select(r => r.Node).ToArray(), maxRounds, unmet);
    }

    /// <summary>
    /// The random stream of the run: run seed x 1000003, the same for every sku (shared block positions of a held-out
    /// window band).
    /// </summary>
    internal static ulong RunStream(int runSeed) => unchecked((ulong)(uint)runSeed * 1_000_003UL);

    /// <summary>
    /// A sku's simulation seed: <see cref="RunStream"/> xor FNV-1a-64 of the sku id, so a sku draws the same numbers in a
    /// sharded run and in every replay of the held-out check (common random numbers).
    /// </summary>
    internal static ulong SkuSeed(int runSeed, string sku) => RunStream(runSeed) ^ Sharding.SkuShardHash.Fnv1a64(sku);

    private (List<(TargetRow Row, NodeService Node)> Rows, int Rounds, int Unmet) CalibrateSku(
        NodeDemand demand,
        IReadOnlyDictionary<SkuNode, SeriesForecast> forecasts,
        IReadOnlyDictionary<SkuNode, ReplayMember>? replay,
        IStockPlacement placement,
        SkuNetwork network,
        ulong seed)
    {
        var levels = network.Nodes.ToDictionary(n => n.Key, n => n.ServiceLevel);
        var customerFacing = network.Stages
            .Where(s => s.CustomerFacing && forecasts.ContainsKey(s.Key))
            .ToDictionary(s => s.Key, s => s.Node.ServiceLevel);
        var brackets = customerFacing.ToDictionary(c => c.Key, c => new ServiceBracket(c.Value, Options));
        var simulation = new SimulationOptions
        {
            Replications = Options.Replications,
            Periods = Options.Periods,
            Seed = seed,
            Shortfall = Options.Shortfall,
            MaxDegreeOfParallelism = 1,
        };
        var round = 0;
        while (true)
        {
            round++;
            var simulated = new Dictionary<SkuNode, double>(levels);
            var placed = placement.PlaceSku(network, demand, simulated).ToDictionary(r => new SkuNode(r.Sku, r.Location));
            var result = NetworkSimulator.Run(SimulationNetworkBuilder.Build(network, placed, forecasts, replay), simulation);
            var changed = false;
            foreach (var (key, bracket) in brackets)
            {
                var next = bracket.Next(levels[key], result[key.Location].CycleServiceLevel);
                changed |= next != levels[key];
                levels[key] = next;
            }

            if (!changed || round >= Options.MaxRounds)
            {
                // The levels reported are the ones simulated in this round.
                var unmet = customerFacing.Count(c => result[c.Key.Location].CycleServiceLevel < c.Value - Options.Tolerance);
                return (Collect(network, placed, result, simulated, customerFacing), round, unmet);
            }
        }
    }

    private static List<(TargetRow Row, NodeService Node)> Collect(
        SkuNetwork network,
        Dictionary<SkuNode, TargetRow> placed,
        SimulationResult result,
        Dictionary<SkuNode, double> levels,
        Dictionary<SkuNode, double> customerFacing)
    {
        var rows = new List<(TargetRow Row, NodeService Node)>(network.Nodes.Count);
        foreach (var node in network.Nodes)
        {
            var stats = result[node.Key.Location];
            var row = placed[node.Key] with
            {
                ServiceLevel = node.ServiceLevel,
                CalibratedServiceLevel = levels[node.Key],
                AchievedService = stats.CycleServiceLevel,
            };
            rows.Add((row, new NodeService(
                node.Key.Sku,
                node.Key.Location,
                customerFacing.ContainsKey(node.Key),
                node.ServiceLevel,
                levels[node.Key],
                stats.CycleServiceLevel,
                stats.CycleServiceLevelStandardError,
                stats.ExpeditedUnitsPerPeriod)));
        }

        return rows;
    }
}
