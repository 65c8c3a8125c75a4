using MeioForecast.Reporting.Rendering;

namespace MeioForecast.Reporting.Tests;

/// <summary>Summary figures against sums done by hand on <see cref="ReportSamples.Run"/>.</summary>
public class ReportSummaryTests
{
    [Fact]
    public void Totals_count_skus_locations_and_sum_targets()
    {
        var s = ReportSummary.From(ReportSamples.Run());
        Assert.Equal((2, 3, 4), (s.Skus, s.Locations, s.SkuNodes));
        Assert.Equal(0 + 1200.5 + 800 + 40, s.SafetyStock, 9);
        Assert.Equal(0 + 240.1 + 160 + 8, s.HoldingCost, 9);
    }

    [Fact]
    public void Baselines_total_the_sku_nodes_explained_against_each()
    {
        var s = ReportSummary.From(ReportSamples.Run());
        Assert.NotNull(s.PreviousRun);
        Assert.Equal(3, s.PreviousRun.SkuNodes);
        Assert.Equal(100 + 1000 + 850, s.PreviousRun.PreviousSafetyStock, 9);
        Assert.Equal(0 + 1200.5 + 800, s.PreviousRun.SafetyStock, 9);
        Assert.Equal((100 + 1000 + 850) * 0.2, s.PreviousRun.PreviousHoldingCost, 9);
        Assert.NotNull(s.SingleEchelon);
        Assert.Equal((1, 0.0, 40.0), (s.SingleEchelon.SkuNodes, s.SingleEchelon.PreviousSafetyStock, s.SingleEchelon.SafetyStock));
    }

    [Fact]
    public void Service_is_averaged_over_customer_facing_nodes_with_a_simulated_level()
    {
        // Customer-facing = has a forecast: A@S1 (0.96 vs 0.95) and A@S2 (0.88 vs 0.90); the DC and B@S1 (no check) are left out.
        var s = ReportSummary.From(ReportSamples.Run()).Service;
        Assert.NotNull(s);
        Assert.Equal(2, s.SkuNodes);
        Assert.Equal((0.96 + 0.88) / 2, s.MeanAchieved, 12);
        Assert.Equal((0.95 + 0.90) / 2, s.MeanTarget, 12);
        Assert.Equal(1, s.BelowTarget);
        Assert.Equal(0.88 - 0.90, s.WorstGap, 12);
    }

    [Fact]
    public void Changes_are_ranked_by_absolute_change_and_contributions_add_up()
    {
        var changes = new ChangeSet(ReportSamples.Run());
        Assert.Equal(["A@S1", "A@DC", "A@S2", "B@S1"], changes.Nodes.Select(n => n.Sku + "@" + n.Location));
        Assert.Equal(ReportSamples.Drivers, changes.Drivers);
        foreach (var n in changes.Nodes)
        {
            Assert.Equal(n.Current - n.Previous, n.Contributions.Sum(), 9);
        }

        Assert.Equal(60.5, changes.Nodes[0].Contributions[4]);
        Assert.StartsWith("Safety stock at S1", changes.Nodes[0].Sentence, StringComparison.Ordinal);
    }
}
