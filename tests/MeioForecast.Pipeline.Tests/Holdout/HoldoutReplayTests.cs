using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Pipeline.Holdout;

namespace MeioForecast.Pipeline.Tests.Holdout;

public class HoldoutReplayTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    // 30 days of history at 10/day (the origin is the 30th day), then the 10 held-out days of actual demand.
    private static readonly double[] Actual = [10, 16, 8, 20, 3, 30, 0, 12, 14, 9];

    /// <summary>The origin: the 30th day.</summary>
    internal static DateOnly Origin => Start.AddDays(29);

    private static PlanningInput Input() => Input([.. Enumerable.Repeat(10.0, 30)]);

    /// <summary>
    /// One store supplied by an external supplier over a deterministic 2-day lane: the 30 days up to the origin given by
    /// <paramref name="beforeOrigin"/>, then the 10 held-out days of actual demand above.
    /// </summary>
    internal static PlanningInput Input(double[] beforeOrigin)
    {
        var locations = new Dictionary<string, Location>
        {
            ["SUP"] = new("SUP", LocationType.Supplier, 1),
            ["S1"] = new("S1", LocationType.Store, 0),
        };
        Lane[] lanes = [new(null, "SUP", "S1", new LeadTime(2, 0))];
        SkuNodeParameters[] nodes = [new(new SkuNode("A", "S1"), 1, 0.25, 0.9, 0, 0)];
        double[] history = [.. beforeOrigin, .. Actual];
        DemandSeries[] demand = [new(new SkuNode("A", "S1"), PeriodKind.Day, Start, history)];
        return new PlanningInput(new PlanningSettings(PeriodKind.Day, 10, [new QuantileLevel(0.5)], 7), locations, lanes, nodes, demand, SignalTable.Empty);
    }

    private static TargetRow Target(double baseStock) => new("A", "S1", 0.9, 0, 0, 2, 10, baseStock - 20, baseStock, 0) { AchievedService = 0.91, CalibratedServiceLevel = 0.93 };

    [Fact]
    public void Replay_counts_the_stockout_periods_of_a_hand_made_demand_path()
    {
        // Hand count: base stock B = 25, lead time 2, S = SI = 0: the net inventory at the end of day t is
        // B - d(t-1) - d(t) (the order of t-2 has arrived, those of t-1 and t are in transit). Over the held-out days,
        // with d(-1) = 10 (the origin day): 20, 26, 24, 28, 23, 33, 30, 12, 26, 23 -> stockouts (> 25) on days 1, 3, 5,
        // 6 and 8: 5 of 10, cycle service 0.5. Fill: day t ships min(d(t), max(0, B - d(t-1))): 10+15+8+17+3+22+0+12+13+9
        // = 109 of 122 units, fill rate 0.89344.
        var report = HoldoutReplay.Replay(Input(), [Target(25)], new HoldoutOptions { Origin = Origin }, CancellationToken.None);
        var node = Assert.Single(report.Nodes);
        Assert.Equal(0.5, node.AchievedService, 12);
        Assert.Equal(0.0, node.StandardError, 12); // deterministic lead times: every replication is the same
        Assert.Equal(109.0 / 122.0, node.FillRate, 12);
        Assert.Equal(12.2, node.ActualMeanDemand, 12);
        Assert.Equal(0.9, node.TargetServiceLevel);
        Assert.Equal(0.91, node.SimulatedService);
        Assert.Equal(0.93, node.CalibratedServiceLevel);
        Assert.Equal(10, report.Periods);
        Assert.Equal(0.5, report.AverageAchieved, 12);
        Assert.Equal(1, report.Below(0.0));
    }

    [Fact]
    public void A_larger_base_stock_removes_every_stockout()
    {
        // The largest two-day demand of the path is 33 (days 4 and 5): B = 33 never runs short, B = 32.9 once (day 5).
        Assert.Equal(1.0, Assert.Single(HoldoutReplay.Replay(Input(), [Target(33)], new HoldoutOptions { Origin = Origin }, CancellationToken.None).Nodes).AchievedService, 12);
        Assert.Equal(0.9, Assert.Single(HoldoutReplay.Replay(Input(), [Target(32.9)], new HoldoutOptions { Origin = Origin }, CancellationToken.None).Nodes).AchievedService, 12);
    }

    [Fact]
    public void Replay_needs_history_up_to_origin_plus_n_periods()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            HoldoutReplay.Replay(Input(), [Target(25)], new HoldoutOptions { Origin = Origin, Periods = 11 }, CancellationToken.None));
        Assert.Contains("2026-02-10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_origin_cuts_every_series_after_the_origin()
    {
        var cut = PolicyHoldout.AtOrigin(Input(), Origin);
        Assert.Equal(Origin, cut.HistoryEnd);
        Assert.Equal(Enumerable.Repeat(10.0, 30), Assert.Single(cut.Demand).Quantities);
    }
}
