using MeioForecast.Core.Distributions;
using MeioForecast.Optimization.Gsm;

namespace MeioForecast.Optimization.Tests.Gsm;

/// <summary>
/// Snyder &amp; Shen, Fundamentals of Supply Chain Theory (2nd ed., ch. 6) instances with their optimal costs, as tested in
/// stockpyl (LarrySnyder/stockpyl tests/test_gsm_tree.py, test_gsm_serial.py). Convention: local holding cost, one z,
/// sigma_j = sqrt(sum of the downstream sinks' sigma^2), mean not costed, external inbound service time on sources.
/// </summary>
public class TextbookInstanceTests
{
    private static GsmSolution Solve(
        (string Id, int T, double H, int? Ext, int? Max)[] nodes,
        (string From, string To)[] arcs,
        double z,
        Dictionary<string, double> sinkSigma)
    {
        var succ = nodes.ToDictionary(n => n.Id, _ => new List<string>());
        foreach (var (from, to) in arcs)
        {
            succ[from].Add(to);
        }

        double Variance(string id) => sinkSigma.TryGetValue(id, out var sd) ? sd * sd : succ[id].Sum(Variance);
        var stages = nodes.Select(n => new GsmStage(n.Id, n.T, n.H, new NormalDemandBound(0.0, z * Math.Sqrt(Variance(n.Id))), n.Max, n.Ext ?? 0)).ToList();
        return new GsmOptimizer().Solve(new GsmNetwork(stages, [.. arcs.Select(a => new GsmArc(a.From, a.To))]));
    }

    private static void AssertServiceTimes(GsmSolution solution, params (string Id, int S)[] expected)
    {
        foreach (var (id, s) in expected)
        {
            Assert.Equal(s, solution[id].ServiceTime);
        }
    }

    [Fact]
    public void Example_6_3_serial_costs_2_sqrt2()
    {
        var solution = Solve([("1", 1, 7, null, 1), ("2", 0, 4, null, null), ("3", 1, 2, 1, null)], [("3", "2"), ("2", "1")], 1.0, new() { ["1"] = 1 });
        Assert.Equal(2 * Math.Sqrt(2), solution.TotalCost, 1e-9);
        AssertServiceTimes(solution, ("1", 1), ("2", 0), ("3", 0));
    }

    [Fact]
    public void Example_6_5_tree_costs_2_sqrt2_plus_sqrt6_plus_3()
    {
        var solution = Solve(
            [("1", 2, 1, 1, null), ("2", 1, 3, null, 0), ("3", 1, 2, null, null), ("4", 1, 3, null, 1)],
            [("1", "3"), ("3", "2"), ("3", "4")],
            1.0,
            new() { ["2"] = 1, ["4"] = 1 });
        Assert.Equal((2 * Math.Sqrt(2)) + Math.Sqrt(6) + 3, solution.TotalCost, 1e-9);
        Assert.Equal(GsmMethod.TreeDynamicProgram, solution.Method);
        Assert.Equal(0.0, solution.Gap);
        AssertServiceTimes(solution, ("1", 0), ("2", 0), ("3", 0), ("4", 1));
    }

    [Fact]
    public void Problem_6_7_serial_costs_160_sqrt5()
    {
        var solution = Solve([("1", 2, 4, null, 0), ("2", 1, 3, null, null), ("3", 1, 2, 1, null)], [("3", "2"), ("2", "1")], 4.0, new() { ["1"] = 10 });
        Assert.Equal(160 * Math.Sqrt(5), solution.TotalCost, 1e-9);
        AssertServiceTimes(solution, ("1", 0), ("2", 3), ("3", 2));
    }

    [Fact]
    public void Problem_6_8_ten_stage_serial_costs_1378_30()
    {
        int[] t = [5, 10, 2, 15, 8, 5, 9, 5, 1, 5];
        double[] h = [5.73, 4.56, 3.04, 2.93, 2.47, 2.37, 1.15, 1.1, 0.98, 0.87];
        var nodes = Enumerable.Range(0, 10).Select(i => ((i + 1).ToString(), t[i], h[i], i == 9 ? 7 : (int?)null, i == 0 ? 3 : (int?)null)).ToArray();
        var arcs = Enumerable.Range(2, 9).Select(i => (i.ToString(), (i - 1).ToString())).ToArray();
        var solution = Solve(nodes, arcs, 2.053748911, new() { ["1"] = 15.8 });
        Assert.Equal(1378.302036904, solution.TotalCost, 1e-6);
        AssertServiceTimes(solution, ("1", 3), ("2", 10), ("3", 0), ("4", 28), ("5", 13), ("6", 5), ("7", 0), ("8", 18), ("9", 13), ("10", 12));
    }

    [Theory]
    [InlineData(2, 18.82400447259)]
    [InlineData(5, 12.4686888061)]
    [InlineData(8, 3.257882364033)]
    [InlineData(12, 0.2326174307353)]
    public void Figure_6_14_assembly_costs_match_stockpyl(int maxServiceTime, double expected)
    {
        const double z = 1.644853627;
        var solution = Solve(
            [
                ("1", 2, 0.01, null, null), ("2", 3, 0.03, null, null), ("3", 2, 0.04, null, null), ("4", 4, 0.06, null, null),
                ("5", 2, 0.12, null, null), ("6", 3, 0.13, null, null), ("7", 6, 0.2, null, null), ("8", 4, 0.08, null, null),
                ("9", 3, 0.04, null, null), ("10", 2, 0.5, null, maxServiceTime),
            ],
            [("1", "2"), ("2", "3"), ("3", "5"), ("4", "5"), ("5", "6"), ("6", "10"), ("7", "10"), ("8", "10"), ("9", "10")],
            z,
            new() { ["10"] = 10 });
        Assert.Equal(expected, solution.TotalCost, 1e-9);
    }

    [Theory]
    [InlineData(3, 3, 15.6495302495)]
    [InlineData(0, 7, 13.12124023872)]
    [InlineData(21, 5, 10.58111901036)]
    public void Problem_6_9_tree_costs_match_stockpyl(int max1, int max2, double expected)
    {
        var solution = Solve(
            [
                ("1", 7, 0.1205479452, null, max1), ("2", 7, 0.07671232877, null, max2), ("3", 21, 0.04931506849, null, null),
                ("4", 3, 0.002739726027, null, null), ("5", 8, 0.01095890411, null, null), ("6", 2, 0.004109589041, null, null),
            ],
            [("3", "1"), ("3", "2"), ("4", "3"), ("5", "3"), ("6", "5")],
            4.0,
            new() { ["1"] = 4.1, ["2"] = 6.2 });
        Assert.Equal(expected, solution.TotalCost, 1e-8);
    }
}
