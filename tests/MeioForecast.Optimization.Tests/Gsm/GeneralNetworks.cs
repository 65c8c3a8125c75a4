using System.Globalization;
using MeioForecast.Optimization.Gsm;

namespace MeioForecast.Optimization.Tests.Gsm;

/// <summary>
/// Seeded random general acyclic supply chains of a given size, drawn the way a planner would sketch one in the Willems
/// (2008) format: 3-6 echelons (parts, manufacturing, distribution, retail), each stage fed by one to three stages of the
/// echelons above, extra cross links until there are about 1.2-1.8 arcs per stage, integer and fractional stage times of
/// 0-12 periods, stage costs that accumulate downstream, demand at every stage without successors (most
/// promising a service time of 0-3 periods), holding rate 0.25; then <see cref="ReferenceConvention"/> builds the GSM network.
/// </summary>
internal static class GeneralNetworks
{
    public static GsmNetwork Create(Random rng, int stages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stages, 4);
        var layers = Math.Min(3 + rng.Next(4), stages - 1);
        // Each echelon gets at least one stage; the rest are spread with more stages upstream (parts) than downstream.
        var layerOf = new int[stages];
        for (var j = 0; j < stages; j++)
        {
            layerOf[j] = j < layers ? j : Math.Min(rng.Next(layers), rng.Next(layers));
        }

        Array.Sort(layerOf);
        var pairs = new HashSet<(int, int)>();
        var arcs = new List<(int From, int To)>();
        var succCount = new int[stages];
        for (var j = 0; j < stages; j++)
        {
            if (layerOf[j] == 0)
            {
                continue;
            }

            var feeders = 1 + (rng.Next(4) == 0 ? rng.Next(3) : 0);
            for (var f = 0; f < feeders; f++)
            {
                // Mostly the echelon right above, sometimes any earlier one.
                var wanted = rng.Next(3) == 0 ? rng.Next(layerOf[j]) : layerOf[j] - 1;
                var candidates = Enumerable.Range(0, stages).Where(i => layerOf[i] == wanted).ToArray();
                Add(candidates[rng.Next(candidates.Length)], j);
            }
        }

        // Every stage above the last echelon ships somewhere (else it would be an odd demand stage upstream).
        for (var i = 0; i < stages; i++)
        {
            if (succCount[i] == 0 && layerOf[i] < layers - 1 && rng.Next(5) > 0)
            {
                var later = Enumerable.Range(0, stages).Where(j => layerOf[j] > layerOf[i]).ToArray();
                Add(i, later[rng.Next(later.Length)]);
            }
        }

        var target = (int)Math.Round(stages * (1.2 + (0.6 * rng.NextDouble())));
        for (var tries = 0; arcs.Count < target && tries < 20 * stages; tries++)
        {
            var i = rng.Next(stages);
            var j = rng.Next(stages);
            if (layerOf[i] < layerOf[j])
            {
                Add(i, j);
            }
        }

        var list = new List<ReferenceStage>();
        for (var j = 0; j < stages; j++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"L{layerOf[j]}_{j:00}");
            var cost = Math.Round(layerOf[j] == 0 ? 1 + (rng.NextDouble() * 99) : rng.NextDouble() * 40, 2);
            var time = rng.Next(6) == 0 ? Math.Round(rng.NextDouble() * 12, 1) : rng.Next(13);
            if (succCount[j] > 0)
            {
                list.Add(new ReferenceStage(id, cost, time));
                continue;
            }

            var mean = 10 + rng.Next(190);
            var sd = Math.Round(mean * (0.2 + (0.4 * rng.NextDouble())), 1);
            double[] levels = [0.9, 0.95, 0.98];
            // Customers are promised a service time (mostly immediate): without one the optimum holds no stock at all.
            int? max = rng.Next(8) == 0 ? null : rng.Next(3) == 0 ? 1 + rng.Next(3) : 0;
            list.Add(new ReferenceStage(id, cost, time, mean, sd, levels[rng.Next(3)], max));
        }

        return ReferenceConvention.Build(list, [.. arcs.Select(a => new GsmArc(list[a.From].Id, list[a.To].Id))], 0.25);

        void Add(int from, int to)
        {
            if (pairs.Add((from, to)))
            {
                arcs.Add((from, to));
                succCount[from]++;
            }
        }
    }
}
