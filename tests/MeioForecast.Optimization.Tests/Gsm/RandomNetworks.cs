using MeioForecast.Core.Distributions;
using MeioForecast.Optimization.Gsm;

namespace MeioForecast.Optimization.Tests.Gsm;

/// <summary>Seeded random small GSM networks (trees or general acyclic) for the brute-force oracle tests.</summary>
internal static class RandomNetworks
{
    public static GsmNetwork Create(Random rng, int stages, bool tree, bool arbitraryBounds)
    {
        var arcs = new List<GsmArc>();
        var pairs = new HashSet<(int, int)>();
        // A random spanning tree: stage j attaches to an earlier stage in a random direction; ids are shuffled so the
        // index order is not the topological order.
        var ids = Enumerable.Range(0, stages).Select(i => $"n{i}").OrderBy(_ => rng.Next()).ToArray();
        for (var j = 1; j < stages; j++)
        {
            var i = rng.Next(j);
            Add(rng.Next(2) == 0 ? (i, j) : (j, i));
        }

        if (!tree)
        {
            // Extra arcs from a lower to a higher position of a random order keep the network acyclic.
            var rank = Enumerable.Range(0, stages).OrderBy(_ => rng.Next()).ToArray();
            var extra = 1 + rng.Next(3);
            for (var tries = 0; tries < 30 && extra > 0; tries++)
            {
                var a = rng.Next(stages);
                var b = rng.Next(stages);
                if (a == b)
                {
                    continue;
                }

                var (from, to) = rank[a] < rank[b] ? (a, b) : (b, a);
                if (!pairs.Contains((from, to)) && !pairs.Contains((to, from)) && !CreatesCycle(from, to))
                {
                    Add((from, to));
                    extra--;
                }
            }
        }

        var hasSucc = new bool[stages];
        var hasPred = new bool[stages];
        foreach (var (f, t) in pairs)
        {
            hasSucc[f] = true;
            hasPred[t] = true;
        }

        var list = new List<GsmStage>();
        for (var j = 0; j < stages; j++)
        {
            DemandBound bound = arbitraryBounds
                ? new TableDemandBound(rng.NextDouble() * 5, [.. Enumerable.Range(0, 40).Select(t => t == 0 ? 0.0 : rng.NextDouble() * 10)])
                : new NormalDemandBound(rng.NextDouble() * 5, 0.5 + (rng.NextDouble() * 3));
            int? max = !hasSucc[j] && rng.Next(3) > 0 ? rng.Next(3) : null;
            var ext = !hasPred[j] ? rng.Next(3) : 0;
            list.Add(new GsmStage(ids[j], rng.Next(4), 0.1 + (rng.NextDouble() * 5), bound, max, ext));
        }

        return new GsmNetwork(list, arcs);

        void Add((int From, int To) arc)
        {
            pairs.Add(arc);
            arcs.Add(new GsmArc(ids[arc.From], ids[arc.To]));
        }

        bool CreatesCycle(int from, int to)
        {
            // Is `from` reachable from `to`?
            var stack = new Stack<int>([to]);
            var seen = new HashSet<int>();
            while (stack.Count > 0)
            {
                var x = stack.Pop();
                if (x == from)
                {
                    return true;
                }

                if (seen.Add(x))
                {
                    foreach (var (f, t) in pairs)
                    {
                        if (f == x)
                        {
                            stack.Push(t);
                        }
                    }
                }
            }

            return false;
        }
    }
}
