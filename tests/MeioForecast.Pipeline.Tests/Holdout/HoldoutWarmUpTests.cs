using MeioForecast.Core.Planning;
using MeioForecast.Pipeline.Holdout;

namespace MeioForecast.Pipeline.Tests.Holdout;

/// <summary>The warm-up of the held-out replay: the history before the origin, or the targets' own steady state.</summary>
public class HoldoutWarmUpTests
{
    // 29 days at 10/day, a promotion of 40 on the origin day (the 30th), then the 10 held-out days of HoldoutReplayTests.
    private static DateOnly Origin => HoldoutReplayTests.Origin;

    private static PlanningInput Input() => HoldoutReplayTests.Input([.. Enumerable.Repeat(10.0, 29), 40.0]);

    // Base stock 25, planned mean demand 10/day.
    private static TargetRow[] Targets => [new("A", "S1", 0.9, 0, 0, 2, 10, 5, 25, 0)];

    [Fact]
    public void History_warm_up_carries_the_promotion_before_the_origin_into_the_first_held_out_day()
    {
        // Net inventory at the end of day t is B - d(t-1) - d(t) (HoldoutReplayTests' hand count): day 0 is
        // 25 - 40 - 10 = -25, a stockout the flat history did not have; the other days as there (stockouts on days 1, 3,
        // 5, 6 and 8): 6 of 10, cycle service 0.4.
        var node = Assert.Single(HoldoutReplay.Replay(Input(), Targets, new HoldoutOptions { Origin = Origin }, CancellationToken.None).Nodes);
        Assert.Equal(0.4, node.AchievedService, 12);
    }

    [Fact]
    public void Plan_warm_up_starts_from_the_targets_steady_state()
    {
        // Warmed up on the planned 10/day, d(-1) = 10: day 0 is 25 - 10 - 10 = 5, no stockout; 5 of 10, cycle service 0.5,
        // the flat-history answer of HoldoutReplayTests.
        var options = new HoldoutOptions { Origin = Origin, WarmUp = HoldoutWarmUp.Plan };
        var node = Assert.Single(HoldoutReplay.Replay(Input(), Targets, options, CancellationToken.None).Nodes);
        Assert.Equal(0.5, node.AchievedService, 12);
    }
}
