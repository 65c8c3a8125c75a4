using System.Diagnostics;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.Network;
using MeioForecast.Simulation.Engine;
using MeioForecast.Simulation.Network;
using MeioForecast.Simulation.Options;

// Throughput of the network simulator. Usage: dotnet run -c Release --project bench/MeioForecast.Simulation.Benchmarks
// Prints (periods x replications) per second and (stage x period x replication) updates per second for a 20-stage
// distribution network (1 plant -> 3 DCs -> 16 stores) and a 300 sku-node network (15 skus on that network),
// 1,000 replications x 365 measured periods, with 1 and 2 threads. Wall time depends on machine load; the CPU time
// (process user+kernel time) is the load-independent figure.
var single = Network(skus: 1);
var large = Network(skus: 15);
Run("warm-up (JIT)", single, new SimulationOptions { Replications = 64, Periods = 50 });
foreach (var threads in new[] { 1, 2 })
{
    Run($"20 stages, {threads} thread(s)", single, new SimulationOptions { Replications = 1000, Periods = 365, MaxDegreeOfParallelism = threads });
}

foreach (var policy in new[] { ShortfallPolicy.Expedite, ShortfallPolicy.Backorder })
{
    foreach (var threads in new[] { 1, 2 })
    {
        Run($"300 sku-nodes, {policy}, {threads} thread(s)", large,
            new SimulationOptions { Replications = 1000, Periods = 365, MaxDegreeOfParallelism = threads, Shortfall = policy });
    }
}

static void Run(string label, SimulationNetwork network, SimulationOptions options)
{
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var result = NetworkSimulator.Run(network, options);
    watch.Stop();
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
    var periods = (double)(result.WarmUpPeriods + options.Periods);
    var periodReplications = periods * options.Replications;
    var customer = result.Stages.Where(s => s.StageId.Contains("store", StringComparison.Ordinal)).Average(s => s.CycleServiceLevel);
    var expedites = result.Stages.Sum(s => s.ExpediteEvents);
    Console.WriteLine(
        $"{label,-40} wall {watch.Elapsed.TotalSeconds,6:F2} s  cpu {cpu.TotalSeconds,6:F2} s  {periodReplications / watch.Elapsed.TotalSeconds,10:N0} period-reps/s wall  " +
        $"{periodReplications * network.Stages.Count / cpu.TotalSeconds / 1e6,6:F1} M stage-updates per cpu-s  " +
        $"(warm-up {result.WarmUpPeriods} + {options.Periods} periods, alloc {allocated / 1e6:F1} MB, peak WS {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB, " +
        $"mean store CSL {customer:F4}, expedite events {expedites:N0})");
}

static SimulationNetwork Network(int skus)
{
    const double z = 1.6448536269514722;
    var stages = new List<SimulationStage>();
    for (var k = 0; k < skus; k++)
    {
        var mu = 20.0 + 5 * k;
        var sigma = 0.4 * mu;
        double Bound(double m, double s, int tau) => tau * m + z * s * Math.Sqrt(tau);
        var plant = $"sku{k}|plant";
        stages.Add(new SimulationStage { Id = plant, ProcessingTime = 3, InboundLeadTime = new LeadTime(2, 0), BaseStock = Bound(16 * mu, 4 * sigma, 5) });
        for (var d = 0; d < 3; d++)
        {
            var dc = $"sku{k}|dc{d}";
            var stores = d == 0 ? 6 : 5;
            stages.Add(new SimulationStage
            {
                Id = dc, Upstream = [new StageSupply(plant)], InboundLeadTime = new LeadTime(4, 1),
                BaseStock = Bound(stores * mu, Math.Sqrt(stores) * sigma, 5),
            });
            for (var s = 0; s < stores; s++)
            {
                stages.Add(new SimulationStage
                {
                    Id = $"sku{k}|dc{d}|store{s}", Upstream = [new StageSupply(dc)],
                    InboundLeadTime = new LeadTime(2, 0, [new LeadTimeOutcome(1, 0.2), new LeadTimeOutcome(2, 0.6), new LeadTimeOutcome(3, 0.2)]),
                    BaseStock = Bound(mu, sigma, 3), CustomerDemand = CustomerDemand.Stationary(new NormalDistribution(mu, sigma)),
                });
            }
        }
    }

    return new SimulationNetwork(stages);
}
