using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Simulation.Engine;
using MeioForecast.Simulation.Options;

namespace MeioForecast.Pipeline.Holdout;

/// <summary>
/// The predictive distribution of one held-out window's achieved cycle service under the run's own demand model: each
/// sku's network is simulated by <see cref="NetworkSimulator"/> exactly as <see cref="HoldoutReplay"/> replays it (the
/// same targets, nodes, warm-up periods and warm-up demand: the history up to the origin or each node's planned mean),
/// but the N measured periods draw demand from the run's forecasts as the service check does (independently, or through
/// the replayed backtest errors of <see cref="PlanningResult.Replay"/>, which keep the serial and cross-store
/// correlation of a sku). Replication r is one window; its service is the mean over the replayed nodes of their cycle
/// service in that window, so the spread is that of one window of N periods, not of the check's long run. Skus draw
/// from their own seeds (the service check's: run seed x 1000003 xor FNV-1a-64 of the sku id, common random numbers,
/// deterministic), so shocks shared across skus are not in the model and the band is narrower than such shocks make it;
/// <see cref="SimulateSharedDates"/> replays the same backtest dates in every sku instead (replayed errors only).
/// </summary>
public static class HoldoutWindowBand
{
    /// <summary>The band of <paramref name="report"/>'s window and the place of its achieved service in it; null when <see cref="HoldoutOptions.BandReplications"/> is 0 or no node was replayed.</summary>
    public static WindowServiceBand? Simulate(PlanningInput actual, PlanningResult plan, HoldoutReport report, HoldoutOptions options, CancellationToken cancellationToken) =>
        Simulate(actual, plan, report, options, shared: false, cancellationToken);

    /// <summary>
    /// The band with every sku replaying the same backtest dates (<see cref="HoldoutOptions.BandSharedDates"/>): shocks
    /// the backtest saw across skus at a date kept. Null when the run drew independently, or as <see cref="Simulate(PlanningInput, PlanningResult, HoldoutReport, HoldoutOptions, CancellationToken)"/>.
    /// </summary>
    public static WindowServiceBand? SimulateSharedDates(PlanningInput actual, PlanningResult plan, HoldoutReport report, HoldoutOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Replay is { Count: > 0 } ? Simulate(actual, plan, report, options, shared: true, cancellationToken) : null;
    }

    private static WindowServiceBand? Simulate(PlanningInput actual, PlanningResult plan, HoldoutReport report, HoldoutOptions options, bool shared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var windows = options.BandReplications;
        if (windows == 0 || report.Nodes.Count == 0)
        {
            return null;
        }

        var measured = report.Nodes.Select(n => new SkuNode(n.Sku, n.Location)).ToHashSet();
        var series = actual.Demand.ToDictionary(d => d.Key);
        var byKey = plan.Targets.ToDictionary(t => new SkuNode(t.Sku, t.Location));
        var forecasts = plan.Forecasts.ToDictionary(f => f.Key);
        var networks = NetworkPlan.Build(actual).Skus;
        var replayed = plan.Replay is { Count: > 0 };
        var sums = new double[networks.Count][];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, networks.Count, parallel, s =>
        {
            var network = networks[s];
            var nodes = network.Nodes.Where(node => measured.Contains(node.Key)).Select(node => node.Key).ToList();
            if (nodes.Count == 0)
            {
                return;
            }

            var warmUp = NetworkSimulator.AutomaticWarmUp(SimulationNetworkBuilder.Build(network, byKey, _ => null));
            var simulated = SimulationNetworkBuilder.Build(network, byKey, key =>
            {
                if (!measured.Contains(key) || !forecasts.TryGetValue(key, out var forecast))
                {
                    return null;
                }

                var demand = SimulationNetworkBuilder.Demand(forecast, plan.Replay?.GetValueOrDefault(key));
                var planned = options.WarmUp == HoldoutWarmUp.Plan ? byKey[key].MeanDemandPerPeriod : (double?)null;
                return demand is null || warmUp == 0 ? demand : demand.WithWarmUp(HoldoutReplay.Path(series[key], report.Origin, warmUp, 0, planned));
            });
            var result = NetworkSimulator.Run(simulated, new SimulationOptions
            {
                Replications = windows,
                Periods = report.Periods,
                WarmUpPeriods = warmUp,
                Seed = ServiceCalibrator.SkuSeed(actual.Settings.Seed, network.Sku),
                Shortfall = options.Shortfall,
                MaxDegreeOfParallelism = 1,
                BlockSeed = shared ? ServiceCalibrator.RunStream(actual.Settings.Seed) : null,
            });
            var sum = new double[windows];
            foreach (var key in nodes)
            {
                var csl = result[key.Location].ReplicationCycleServiceLevels;
                for (var r = 0; r < windows; r++)
                {
                    sum[r] += csl[r];
                }
            }

            sums[s] = sum;
        });

        var window = new double[windows];
        foreach (var sum in sums.Where(x => x is not null))
        {
            for (var r = 0; r < windows; r++)
            {
                window[r] += sum[r];
            }
        }

        for (var r = 0; r < windows; r++)
        {
            window[r] /= measured.Count;
        }

        return WindowServiceBand.From(shared ? "replay-shared-dates" : replayed ? "replay" : "independent", window, report.AverageAchieved);
    }
}
