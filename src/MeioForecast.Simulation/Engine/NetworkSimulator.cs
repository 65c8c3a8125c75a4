using MeioForecast.Simulation.Network;
using MeioForecast.Simulation.Options;
using MeioForecast.Simulation.Results;

namespace MeioForecast.Simulation.Engine;

/// <summary>
/// Monte Carlo digital twin of a multi-echelon network run with the Guaranteed Service Model's base-stock policies
/// (Graves &amp; Willems 2000, "Optimizing strategic safety stock placement in supply chains", MSOM 2(1):68-83; review:
/// Simchi-Levi &amp; Zhao 2012, "Performance evaluation of stochastic multi-echelon inventory systems: a survey",
/// Advances in Operations Research).
/// </summary>
/// <remarks>
/// Periodic review, one period per step. In period t: (1) every stage j sees its demand d_j(t), the customer demand plus
/// phi_jk d_k(t) for each downstream stage k, and orders the same amount from each upstream stage (base-stock policy:
/// inventory position kept at B_j); (2) in topological order each stage releases the orders placed SI_j periods ago whose
/// components have arrived, schedules them to arrive after L_j + T_j periods (L_j drawn per order, orders may cross),
/// receives what arrives at t, and ships: past-due claims first, then demand due at t (placed at t - S_j), pro rata
/// when short. A shortfall on a downstream stage's order is expedited or backordered (<see cref="ShortfallPolicy"/>);
/// a customer shortfall is always backordered. With S_j = 0 and a deterministic replenishment, the end-of-period net
/// inventory is B_j minus demand over tau_j = SI_j + L_j + T_j - S_j periods, as the GSM assumes. Stages start with
/// on-hand B_j and nothing in the pipeline; the warm-up removes that transient.
/// Replication r draws from its own xoshiro256** stream keyed by (seed, r); replications run in blocks of
/// <see cref="BlockSize"/> lanes, in parallel, and results are summed in replication order: identical for any thread count.
/// </remarks>
public static class NetworkSimulator
{
    /// <summary>Replications simulated side by side in one block (lanes of the state arrays).</summary>
    public const int BlockSize = 32;

    /// <summary>Simulates <paramref name="network"/> under <paramref name="options"/> and returns per-stage statistics.</summary>
    /// <exception cref="ArgumentException">A demand path is shorter than warm-up + periods.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static SimulationResult Run(SimulationNetwork network, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var plan = new SimulationPlan(network, options);
        var r = options.Replications;
        var totals = Enumerable.Range(0, plan.StageCount).Select(_ => new StageTally[r]).ToArray();
        var trace = options.RecordTrace ? new TraceRecorder(plan) : null;
        var blocks = (r + BlockSize - 1) / BlockSize;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        Parallel.For(0, blocks, parallel, b =>
        {
            var first = b * BlockSize;
            var lanes = Math.Min(BlockSize, r - first);
            new ReplicationBlock(plan, options, first, lanes, totals, b == 0 ? trace : null).Run();
        });

        var stats = Enumerable.Range(0, plan.StageCount).Select(j => Summarize(plan, totals, j, r)).ToList();
        return new SimulationResult(options, plan.WarmUp, stats, trace?.ToTraces());
    }

    /// <summary>
    /// The automatic warm-up of <paramref name="network"/> (used when <see cref="SimulationOptions.WarmUpPeriods"/> is
    /// null): twice the longest cumulative replenishment path, the sum over a path of SI_j + T_j + max L_j + S_j, at
    /// least 20 periods. A replayed demand path needs this many periods before the measured ones.
    /// </summary>
    public static int AutomaticWarmUp(SimulationNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var stages = network.Stages;
        var path = new int[stages.Count];
        var longest = 0;
        foreach (var j in network.TopologicalOrder)
        {
            var stage = stages[j];
            var upstream = 0;
            var maxS = 0;
            foreach (var supply in stage.Upstream)
            {
                var i = network.IndexOf(supply.UpstreamId);
                upstream = Math.Max(upstream, path[i]);
                maxS = Math.Max(maxS, stages[i].OutboundServiceTime);
            }

            path[j] = upstream + (stage.InboundServiceTime ?? maxS) + stage.ProcessingTime + LeadTimeTable.From(stage.InboundLeadTime).Max + stage.OutboundServiceTime;
            longest = Math.Max(longest, path[j]);
        }

        return Math.Max(20, 2 * longest);
    }

    private static StageStatistics Summarize(SimulationPlan plan, StageTally[][] totals, int j, int r)
    {
        double periods = plan.Periods;
        var csl = new double[r];
        var fill = new double[r];
        var onHandPerReplication = new double[r];
        var backordersPerReplication = new double[r];
        double due = 0, filled = 0, onHand = 0, backorders = 0, expedited = 0, demand = 0;
        long events = 0;
        for (var i = 0; i < r; i++)
        {
            var x = totals[j][i];
            csl[i] = x.NoStockoutPeriods / periods;
            fill[i] = x.Due > 0.0 ? x.Filled / x.Due : 1.0;
            onHandPerReplication[i] = x.OnHand / periods;
            backordersPerReplication[i] = x.Backorders / periods;
            due += x.Due;
            filled += x.Filled;
            onHand += x.OnHand;
            backorders += x.Backorders;
            expedited += x.ExpeditedUnits;
            demand += x.Demand;
            events += x.ExpediteEvents;
        }

        var stagePeriods = periods * r;
        return new StageStatistics
        {
            StageId = plan.Ids[j],
            CycleServiceLevel = csl.Average(),
            CycleServiceLevelStandardError = StandardError(csl),
            FillRate = due > 0.0 ? filled / due : 1.0,
            FillRateStandardError = StandardError(fill),
            AverageOnHand = onHand / stagePeriods,
            AverageOnHandStandardError = StandardError(onHandPerReplication),
            AverageBackorders = backorders / stagePeriods,
            AverageBackordersStandardError = StandardError(backordersPerReplication),
            AverageDemand = demand / stagePeriods,
            ExpediteFrequency = events / stagePeriods,
            ExpeditedUnitsPerPeriod = expedited / stagePeriods,
            ExpediteEvents = events,
            ExpeditedUnits = expedited,
            ReplicationCycleServiceLevels = csl,
        };
    }

    private static double StandardError(double[] values)
    {
        var mean = values.Average();
        var ss = values.Sum(v => (v - mean) * (v - mean));
        return Math.Sqrt(ss / (values.Length - 1) / values.Length);
    }
}
