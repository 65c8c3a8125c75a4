using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Simulation.Engine;
using MeioForecast.Simulation.Network;
using MeioForecast.Simulation.Options;

namespace MeioForecast.Pipeline.Holdout;

/// <summary>
/// Replays actual demand against fixed stock targets: each sku's network is simulated (<see cref="NetworkSimulator"/>,
/// base stocks and service times from the targets, lane lead times) with every node's customer demand replaced by its
/// actual path (<see cref="CustomerDemand.FromPath"/>): the automatic warm-up W of the network
/// (<see cref="NetworkSimulator.AutomaticWarmUp"/>) replays the W periods up to and including the origin (zero before a
/// series starts; with <see cref="HoldoutWarmUp.Plan"/> each node's planned mean demand instead), then the N periods
/// after the origin are measured. Every replication sees the same demand; only
/// stochastic lead times differ (seed = run seed x 1000003 xor FNV-1a-64 of the sku id). Nodes replayed: those with a
/// demand series that starts at or before the origin (items introduced later had no targets from history).
/// </summary>
public static class HoldoutReplay
{
    /// <summary>Replays the demand of <paramref name="actual"/> after <see cref="HoldoutOptions.Origin"/> against <paramref name="targets"/>.</summary>
    /// <exception cref="ArgumentException">The history of <paramref name="actual"/> does not reach origin + N, or a planned sku-node has no target.</exception>
    public static HoldoutReport Replay(PlanningInput actual, IReadOnlyList<TargetRow> targets, HoldoutOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var period = actual.Settings.Period;
        var n = options.Periods ?? actual.Settings.Horizon;
        var last = period.Add(options.Origin, n);
        if (actual.HistoryEnd < last)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"The demand history ends on {actual.HistoryEnd:yyyy-MM-dd}; origin {options.Origin:yyyy-MM-dd} + {n} periods needs it to reach {last:yyyy-MM-dd}."));
        }

        var series = actual.Demand.ToDictionary(d => d.Key);
        var byKey = targets.ToDictionary(t => new SkuNode(t.Sku, t.Location));
        var networks = NetworkPlan.Build(actual).Skus;
        var outcomes = new List<HoldoutNode>[networks.Count];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, networks.Count, parallel, s =>
        {
            var network = networks[s];
            var missing = network.Nodes.FirstOrDefault(node => !byKey.ContainsKey(node.Key));
            if (missing is not null)
            {
                throw new ArgumentException($"No target for sku-node {missing.Key.Sku}/{missing.Key.Location}.", nameof(targets));
            }

            var replayed = network.Nodes
                .Where(node => series.TryGetValue(node.Key, out var d) && d.Start <= options.Origin)
                .Select(node => node.Key)
                .ToHashSet();
            if (replayed.Count == 0)
            {
                outcomes[s] = [];
                return;
            }

            var warmUp = NetworkSimulator.AutomaticWarmUp(SimulationNetworkBuilder.Build(network, byKey, _ => null));
            var simulated = SimulationNetworkBuilder.Build(
                network, byKey, key => replayed.Contains(key) ? CustomerDemand.FromPath(Path(series[key], options.Origin, warmUp, n, options.WarmUp == HoldoutWarmUp.Plan ? byKey[key].MeanDemandPerPeriod : null)) : null);
            var result = NetworkSimulator.Run(simulated, new SimulationOptions
            {
                Replications = options.Replications,
                Periods = n,
                WarmUpPeriods = warmUp,
                Seed = ServiceCalibrator.SkuSeed(actual.Settings.Seed, network.Sku),
                Shortfall = options.Shortfall,
                MaxDegreeOfParallelism = 1,
            });
            outcomes[s] = network.Nodes.Where(node => replayed.Contains(node.Key)).Select(node =>
            {
                var row = byKey[node.Key];
                var stats = result[node.Key.Location];
                var path = Path(series[node.Key], options.Origin, 0, n);
                return new HoldoutNode(
                    node.Key.Sku,
                    node.Key.Location,
                    row.ServiceLevel,
                    row.CalibratedServiceLevel,
                    row.AchievedService,
                    stats.CycleServiceLevel,
                    stats.CycleServiceLevelStandardError,
                    stats.FillRate,
                    row.BaseStock,
                    path.Average(),
                    row.MeanDemandPerPeriod)
                {
                    HoldingCost = row.HoldingCost,
                };
            }).ToList();
        });

        var nodes = outcomes.SelectMany(o => o).ToList();
        nodes.Sort((a, b) => new SkuNode(a.Sku, a.Location).CompareTo(new SkuNode(b.Sku, b.Location)));
        return new HoldoutReport(options.Origin, n, options.Shortfall == ShortfallPolicy.Backorder ? "backorder" : "expedite", nodes);
    }

    /// <summary>
    /// The <paramref name="warmUp"/> periods up to and including the origin (0 before the series starts; each
    /// <paramref name="planned"/> when given), then <paramref name="periods"/> after it.
    /// </summary>
    internal static double[] Path(DemandSeries series, DateOnly origin, int warmUp, int periods, double? planned = null)
    {
        var o = series.Period.Between(series.Start, origin);
        var path = new double[warmUp + periods];
        for (var i = 0; i < path.Length; i++)
        {
            var index = o - warmUp + 1 + i;
            path[i] = i < warmUp && planned is { } mean ? Math.Max(0.0, mean) : index >= 0 ? series.Quantities[index] : 0.0;
        }

        return path;
    }
}
