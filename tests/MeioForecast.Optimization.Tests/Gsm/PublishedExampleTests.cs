using MeioForecast.Optimization.Gsm;
using MeioForecast.TestKit;

namespace MeioForecast.Optimization.Tests.Gsm;

/// <summary>Worked examples with published totals, under the reference convention of TestKit's data README.</summary>
public class PublishedExampleTests
{
    [Theory]
    [InlineData("bulldozer", 633_000.0, GsmTopology.Assembly)] // Graves & Willems (2000), MSOM 2(1), section 5: ~$633,000 a year
    [InlineData("battery", 853_000.0, GsmTopology.SpanningTree)] // idem: ~$853,000 a year
    public void Graves_Willems_2000_examples_reproduce_the_published_totals(string name, double published, GsmTopology topology)
    {
        var network = ReferenceInstances.GravesWillems2000(name);
        var solution = new GsmOptimizer().Solve(network);
        Assert.Equal(topology, network.Topology);
        Assert.Equal(GsmMethod.TreeDynamicProgram, solution.Method);
        // The paper rounds to the thousand (bulldozer, battery) or reports the dollar (camera).
        Assert.InRange(solution.TotalCost, published * 0.999, published * 1.001);
        BruteForceOracleTests.AssertFeasible(network, solution);
    }

    [Fact]
    public void Graves_Willems_2000_digital_camera_published_solution_is_reproduced_and_improved()
    {
        // The paper reports $71,757 a year for the camera. Its placement (stock at Build_Test_Pack, and the 150-day
        // Other_Parts_M_60 quoting 50 days) evaluates to that total here; the DP quotes 60 days there instead (tau 90
        // instead of 100, still within the other parts' 60 days), which is feasible and 0.4% cheaper.
        var network = ReferenceInstances.GravesWillems2000("digital_camera");
        int[] published = [60, 60, 40, 60, 50, 0, 2, 5]; // Camera, Imager, Circuit_Board, L_60, M_60, Build_Test_Pack, Transfer, Ship
        var evaluated = GsmOptimizer.Evaluate(network, published);
        Assert.InRange(evaluated.TotalCost, 71_757.0 * 0.9999, 71_757.0 * 1.0001);
        var solution = new GsmOptimizer().Solve(network);
        Assert.Equal(GsmTopology.Assembly, network.Topology);
        BruteForceOracleTests.AssertFeasible(network, solution);
        Assert.True(solution.TotalCost <= evaluated.TotalCost);
        var better = GsmOptimizer.Evaluate(network, [60, 60, 40, 60, 60, 0, 2, 5]);
        Assert.Equal(better.TotalCost, solution.TotalCost, 1e-6);
        Assert.Equal(60, solution["Other_Parts_M_60"].ServiceTime);
        Assert.Equal(0, solution["Build_Test_Pack"].ServiceTime);
    }

    [Fact]
    public void Willems_2008_chain_2_reproduces_Humair_Willems_2011()
    {
        // Humair & Willems (2011), Operations Research 59(3): chain 2 optimum 9.51 M at a 35% holding rate.
        var network = ReferenceInstances.Willems2008(2, 0.35);
        var solution = new GsmOptimizer().Solve(network);
        Assert.Equal(GsmTopology.GeneralAcyclic, network.Topology);
        Assert.Equal(GsmMethod.BranchAndBound, solution.Method);
        Assert.True(solution.Gap <= 1e-8, $"gap {solution.Gap}");
        Assert.InRange(solution.TotalCost, 9.505e6, 9.515e6);
        BruteForceOracleTests.AssertFeasible(network, solution);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Willems_2008_small_chains_equal_the_HiGHS_MILP_optimum(int chain)
    {
        // The independent MILP (MilpGsm: net-lead-time binaries, HiGHS with a zero gap) on real chains; chain 3 agrees
        // too but HiGHS needs about 20 s for it (docs/gsm-optimizer.md), too slow for every build.
        var network = ReferenceInstances.Willems2008(chain, 0.35);
        var solution = new GsmOptimizer().Solve(network);
        var milp = MilpGsm.MinimumCost(network);
        Assert.Equal(milp, solution.TotalCost, 1e-7 * milp);
        Assert.True(solution.LowerBound <= milp * (1 + 1e-9), $"bound {solution.LowerBound} above the MILP optimum {milp}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Willems_2008_small_chains_are_solved_to_proven_optimality(int chain)
    {
        var network = ReferenceInstances.Willems2008(chain, 0.35);
        var solution = new GsmOptimizer().Solve(network);
        Assert.True(solution.Gap <= 1e-8, $"gap {solution.Gap}");
        Assert.Equal(solution.TotalCost, solution.LowerBound, 1e-6 * solution.TotalCost);
        BruteForceOracleTests.AssertFeasible(network, solution);
        // Evaluating the returned service times independently gives the same cost.
        var again = GsmOptimizer.Evaluate(network, [.. solution.Stages.Select(s => s.ServiceTime)]);
        Assert.True(again.TotalCost <= solution.TotalCost + 1e-6);
    }
}
