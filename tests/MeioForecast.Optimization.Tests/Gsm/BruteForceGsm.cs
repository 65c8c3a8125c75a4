using MeioForecast.Optimization.Gsm;

namespace MeioForecast.Optimization.Tests.Gsm;

/// <summary>
/// Test oracle: enumerates every vector of integer outbound service times S_j in [0, min(s_j, M_j)] (M_j = longest path
/// of processing times plus external service time, recomputed here); for each, each stage takes its cheapest
/// SI_j in [max(ext_j, max_i S_i), M_j - T_j] with SI_j + T_j - S_j &gt;= 0. Exponential; for networks of a few stages.
/// </summary>
internal static class BruteForceGsm
{
    public static double MinimumCost(GsmNetwork network)
    {
        var (order, preds, m) = Prepare(network);
        var n = network.Count;
        var s = new int[n];
        var best = double.PositiveInfinity;
        void Visit(int position, double partial)
        {
            if (position == n)
            {
                best = Math.Min(best, partial);
                return;
            }

            var j = order[position];
            var stage = network.Stages[j];
            var siLow = stage.ExternalServiceTime;
            foreach (var i in preds[j])
            {
                siLow = Math.Max(siLow, s[i]);
            }

            var siHigh = m[j] - stage.ProcessingTime;
            var sHigh = Math.Min(stage.MaxServiceTime ?? int.MaxValue, m[j]);
            for (var sv = 0; sv <= sHigh; sv++)
            {
                var stageBest = double.PositiveInfinity;
                for (var si = siLow; si <= siHigh; si++)
                {
                    var tau = si + stage.ProcessingTime - sv;
                    if (tau >= 0)
                    {
                        stageBest = Math.Min(stageBest, stage.HoldingCost * stage.DemandBound.SafetyStock(tau));
                    }
                }

                if (double.IsPositiveInfinity(stageBest))
                {
                    continue;
                }

                s[j] = sv;
                Visit(position + 1, partial + stageBest);
            }
        }

        Visit(0, 0.0);
        return best;
    }

    public static long SearchSize(GsmNetwork network)
    {
        var (_, _, m) = Prepare(network);
        long size = 1;
        for (var j = 0; j < network.Count; j++)
        {
            size *= Math.Min(network.Stages[j].MaxServiceTime ?? int.MaxValue, m[j]) + 1;
        }

        return size;
    }

    private static (List<int> Order, List<int>[] Preds, int[] M) Prepare(GsmNetwork network)
    {
        var n = network.Count;
        var index = new Dictionary<string, int>();
        for (var j = 0; j < n; j++)
        {
            index[network.Stages[j].Id] = j;
        }

        var preds = new List<int>[n];
        for (var j = 0; j < n; j++)
        {
            preds[j] = [];
        }

        foreach (var arc in network.Arcs)
        {
            preds[index[arc.To]].Add(index[arc.From]);
        }

        // Topological order by repeated scans (independent of the solver's).
        var order = new List<int>();
        var placed = new bool[n];
        while (order.Count < n)
        {
            for (var j = 0; j < n; j++)
            {
                if (!placed[j] && preds[j].TrueForAll(i => placed[i]))
                {
                    placed[j] = true;
                    order.Add(j);
                }
            }
        }

        var m = new int[n];
        foreach (var j in order)
        {
            var longest = network.Stages[j].ExternalServiceTime;
            foreach (var i in preds[j])
            {
                longest = Math.Max(longest, m[i]);
            }

            m[j] = longest + network.Stages[j].ProcessingTime;
        }

        return (order, preds, m);
    }
}
