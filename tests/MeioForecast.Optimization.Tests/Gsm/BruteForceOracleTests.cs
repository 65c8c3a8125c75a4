using MeioForecast.Optimization.Gsm;

namespace MeioForecast.Optimization.Tests.Gsm;

/// <summary>The optimizer's cost equals brute-force enumeration of all integer service times on seeded random networks.</summary>
public class BruteForceOracleTests
{
    [Theory]
    [InlineData(true, false, 11)]
    [InlineData(true, true, 12)]
    [InlineData(false, false, 13)]
    [InlineData(false, true, 14)]
    public void Optimal_cost_equals_brute_force_on_random_networks(bool tree, bool arbitraryBounds, int seed)
    {
        var rng = new Random(seed);
        var optimizer = new GsmOptimizer(new GsmSolverOptions { RelativeGapTolerance = 0.0 });
        var checkedCases = 0;
        var generalCases = 0;
        for (var attempt = 0; checkedCases < 150 && attempt < 5000; attempt++)
        {
            var network = RandomNetworks.Create(rng, 2 + rng.Next(7), tree, arbitraryBounds);
            if (BruteForceGsm.SearchSize(network) > 60_000)
            {
                continue;
            }

            var expected = BruteForceGsm.MinimumCost(network);
            var solution = optimizer.Solve(network);
            Assert.Equal(expected, solution.TotalCost, 1e-9 * Math.Max(1.0, Math.Abs(expected)));
            Assert.True(solution.Gap <= 1e-8, $"gap {solution.Gap}");
            Assert.True(solution.ProvenOptimal);
            AssertFeasible(network, solution);
            checkedCases++;
            if (network.Topology == GsmTopology.GeneralAcyclic)
            {
                generalCases++;
            }
        }

        Assert.Equal(150, checkedCases);
        if (!tree)
        {
            Assert.True(generalCases > 100, $"only {generalCases} general networks");
        }
    }

    [Theory]
    [InlineData(false, 21)]
    [InlineData(true, 22)]
    public void A_truncated_search_reports_a_valid_lower_bound_and_gap(bool arbitraryBounds, int seed)
    {
        // With one node and few multiplier steps the search stops early: the reported bound must still be below the
        // brute-force optimum and the incumbent above it.
        var rng = new Random(seed);
        var optimizer = new GsmOptimizer(new GsmSolverOptions { MaxNodes = 1, LagrangianIterations = 3 });
        var cases = 0;
        var open = 0;
        for (var attempt = 0; cases < 100 && attempt < 5000; attempt++)
        {
            var network = RandomNetworks.Create(rng, 4 + rng.Next(5), tree: false, arbitraryBounds);
            if (network.Topology != GsmTopology.GeneralAcyclic || BruteForceGsm.SearchSize(network) > 60_000)
            {
                continue;
            }

            var optimum = BruteForceGsm.MinimumCost(network);
            var solution = optimizer.Solve(network);
            var tolerance = 1e-9 * Math.Max(1.0, Math.Abs(optimum));
            Assert.True(solution.LowerBound <= optimum + tolerance, $"bound {solution.LowerBound} above optimum {optimum}");
            Assert.True(solution.TotalCost >= optimum - tolerance);
            if (solution.TotalCost > 0)
            {
                Assert.Equal((solution.TotalCost - solution.LowerBound) / solution.TotalCost, solution.Gap, 1e-12);
            }
            AssertFeasible(network, solution);
            cases++;
            // Proven means the search closed, which needs the gap within the (default 1e-9) tolerance.
            Assert.True(!solution.ProvenOptimal || solution.Gap <= 1e-9, $"proven with gap {solution.Gap}");
            if (solution.Gap > 1e-6)
            {
                Assert.False(solution.ProvenOptimal);
                open++;
            }
        }

        Assert.Equal(100, cases);
        Assert.True(open > 0, "every truncated search closed: the test does not exercise an open gap");
    }

    [Fact]
    public void Solving_twice_gives_identical_service_times()
    {
        var rng = new Random(5);
        for (var k = 0; k < 20; k++)
        {
            var network = RandomNetworks.Create(rng, 8, tree: false, arbitraryBounds: true);
            var a = new GsmOptimizer().Solve(network);
            var b = new GsmOptimizer().Solve(network);
            Assert.Equal(a.Stages, b.Stages);
            Assert.Equal(a.LowerBound, b.LowerBound);
        }
    }

    internal static void AssertFeasible(GsmNetwork network, GsmSolution solution)
    {
        var byId = solution.Stages.ToDictionary(s => s.Id);
        foreach (var arc in network.Arcs)
        {
            Assert.True(byId[arc.From].ServiceTime <= byId[arc.To].InboundServiceTime, $"{arc.From} -> {arc.To}");
        }

        foreach (var stage in network.Stages)
        {
            var r = byId[stage.Id];
            Assert.True(r.ServiceTime >= 0);
            Assert.True(r.InboundServiceTime >= stage.ExternalServiceTime);
            Assert.Equal(r.InboundServiceTime + stage.ProcessingTime - r.ServiceTime, r.NetReplenishmentTime);
            Assert.True(r.NetReplenishmentTime >= 0);
            if (stage.MaxServiceTime is int max)
            {
                Assert.True(r.ServiceTime <= max);
            }
        }

        var total = solution.Stages.Sum(s => s.HoldingCost);
        Assert.Equal(total, solution.TotalCost, 1e-9 * Math.Max(1.0, total));
    }
}
