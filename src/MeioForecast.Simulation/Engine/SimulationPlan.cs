using MeioForecast.Core.Distributions;
using MeioForecast.Simulation.Network;
using MeioForecast.Simulation.Options;

namespace MeioForecast.Simulation.Engine;

/// <summary>The network compiled to flat arrays for the inner loops (stage index = network order; links i -&gt; k flattened).</summary>
internal sealed class SimulationPlan
{
    public SimulationPlan(SimulationNetwork network, SimulationOptions options)
    {
        var stages = network.Stages;
        var n = stages.Count;
        StageCount = n;
        Ids = stages.Select(s => s.Id).ToArray();
        Order = [.. network.TopologicalOrder];
        ProcessingTime = stages.Select(s => s.ProcessingTime).ToArray();
        ServiceTime = stages.Select(s => s.OutboundServiceTime).ToArray();
        BaseStock = stages.Select(s => s.BaseStock).ToArray();
        LeadTimes = stages.Select(s => LeadTimeTable.From(s.InboundLeadTime)).ToArray();
        InboundServiceTime = new int[n];
        UpLinks = new int[n][];
        var down = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        var linkUp = new List<int>();
        var linkDown = new List<int>();
        var linkQ = new List<double>();
        for (var k = 0; k < n; k++)
        {
            var ups = new List<int>();
            var maxS = 0;
            foreach (var supply in stages[k].Upstream)
            {
                var i = network.IndexOf(supply.UpstreamId);
                down[i].Add(linkUp.Count);
                ups.Add(linkUp.Count);
                linkUp.Add(i);
                linkDown.Add(k);
                linkQ.Add(supply.QuantityPerUnit);
                maxS = Math.Max(maxS, stages[i].OutboundServiceTime);
            }

            UpLinks[k] = [.. ups];
            InboundServiceTime[k] = stages[k].InboundServiceTime ?? maxS;
        }

        DownLinks = down.Select(l => l.ToArray()).ToArray();
        LinkUp = [.. linkUp];
        LinkDown = [.. linkDown];
        LinkQuantity = [.. linkQ];
        ArrivalSlots = Enumerable.Range(0, n).Select(j => ProcessingTime[j] + LeadTimes[j].Max + 1).ToArray();
        OrderSlots = InboundServiceTime.Select(si => si + 1).ToArray();
        CustomerSlots = ServiceTime.Select(s => s + 1).ToArray();
        Demand = stages.Select(s => s.CustomerDemand).ToArray();
        WarmUp = options.WarmUpPeriods ?? NetworkSimulator.AutomaticWarmUp(network);
        Periods = options.Periods;
        TotalPeriods = WarmUp + Periods;
        foreach (var (demand, j) in Demand.Select((d, j) => (d, j)))
        {
            if (demand?.Path is { } path && path.Count < TotalPeriods)
            {
                throw new ArgumentException(
                    $"Stage '{Ids[j]}': the demand path has {path.Count} periods but the simulation needs {TotalPeriods} (warm-up {WarmUp} + {Periods}).",
                    nameof(network));
            }

            if (demand?.WarmUpPath is { } warmUp && warmUp.Count < WarmUp)
            {
                throw new ArgumentException(
                    $"Stage '{Ids[j]}': the warm-up demand path has {warmUp.Count} periods but the warm-up is {WarmUp}.",
                    nameof(network));
            }
        }
    }

    public int StageCount { get; }

    public string[] Ids { get; }

    public int[] Order { get; }

    public int[] ProcessingTime { get; }

    public int[] ServiceTime { get; }

    public int[] InboundServiceTime { get; }

    public double[] BaseStock { get; }

    public LeadTimeTable[] LeadTimes { get; }

    /// <summary>Links into stage k (k is downstream).</summary>
    public int[][] UpLinks { get; }

    /// <summary>Links out of stage i (i is upstream).</summary>
    public int[][] DownLinks { get; }

    public int[] LinkUp { get; }

    public int[] LinkDown { get; }

    public double[] LinkQuantity { get; }

    /// <summary>Ring size of the arrival pipeline: T_j + max L_j + 1.</summary>
    public int[] ArrivalSlots { get; }

    /// <summary>Ring size of the order history d_j: SI_j + 1 (&gt;= S_i + 1 for every upstream i).</summary>
    public int[] OrderSlots { get; }

    /// <summary>Ring size of the customer-demand history: S_j + 1.</summary>
    public int[] CustomerSlots { get; }

    public CustomerDemand?[] Demand { get; }

    public int WarmUp { get; }

    public int Periods { get; }

    public int TotalPeriods { get; }

    /// <summary>The distribution of stage j's customer demand in simulated period t (sampled demand only).</summary>
    public DemandDistribution DistributionAt(int j, int t)
    {
        var list = Demand[j]!.Distributions!;
        var c = list.Count;
        var p = (t - WarmUp) % c;
        return list[p < 0 ? p + c : p];
    }
}
