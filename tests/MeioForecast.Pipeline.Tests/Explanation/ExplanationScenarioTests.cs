using MeioForecast.Core.Demand;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Pipeline.Placement;

namespace MeioForecast.Pipeline.Tests.Explanation;

/// <summary>
/// Two runs that differ in one input only: the explanation must put the change on that input's driver, give exactly zero
/// to every driver that did not move (null player), and show repositioning exactly where service times moved.
/// </summary>
public class ExplanationScenarioTests
{
    private const int Horizon = 30;
    private static readonly QuantileLevel[] Levels = Enumerable.Range(1, 99).Select(i => new QuantileLevel(i / 100.0)).ToArray();

    /// <summary>One scenario's inputs: supplier -> DC -> stores S1..Sn.</summary>
    private sealed record Scenario(
        int Stores = 2,
        double DcLeadTime = 10,
        double DcLeadTimeSd = 0,
        double StoreLeadTime = 1,
        double StoreUnitCost = 30,
        double S1ServiceLevel = 0.95,
        double PromotionLift = 1.0);

    private static SeriesForecast Forecast(SkuNode node, double mu, double sigma, Func<int, double> lift)
    {
        var q = new double[Horizon, Levels.Length];
        for (var t = 0; t < Horizon; t++)
        {
            for (var j = 0; j < Levels.Length; j++)
            {
                q[t, j] = lift(t) * (mu + (sigma * StandardNormal.Quantile(Levels[j].Value)));
            }
        }

        return new SeriesForecast(node, new DateOnly(2026, 1, 1), Levels, q, "test");
    }

    /// <summary>Plans <paramref name="s"/> with the GSM placement; returns its targets and drivers.</summary>
    private static (IReadOnlyList<TargetRow> Targets, IReadOnlyDictionary<SkuNode, NodeDrivers> Drivers) Plan(Scenario s)
    {
        var (targets, drivers, _) = PlanBoth(s);
        return (targets, drivers);
    }

    /// <summary>Plans <paramref name="s"/> with the GSM placement and with single-echelon placement.</summary>
    private static (IReadOnlyList<TargetRow> Targets, IReadOnlyDictionary<SkuNode, NodeDrivers> Drivers, IReadOnlyList<TargetRow> Single) PlanBoth(Scenario s)
    {
        var locations = new Dictionary<string, Location> { ["SUP"] = new("SUP", LocationType.Supplier, 2), ["DC"] = new("DC", LocationType.DistributionCenter, 1) };
        var lanes = new List<Lane> { new(null, "SUP", "DC", new LeadTime(s.DcLeadTime, s.DcLeadTimeSd)) };
        var nodes = new List<SkuNodeParameters> { new(new SkuNode("A", "DC"), 10, 0.2, 0.95, null, 1) };
        var forecasts = new List<SeriesForecast>();
        for (var i = 1; i <= s.Stores; i++)
        {
            var id = $"S{i}";
            locations[id] = new Location(id, LocationType.Store, 0);
            lanes.Add(new Lane(null, "DC", id, new LeadTime(s.StoreLeadTime, 0)));
            nodes.Add(new SkuNodeParameters(new SkuNode("A", id), s.StoreUnitCost, 0.25, i == 1 ? s.S1ServiceLevel : 0.95, null, 0));

            // The promotion lifts S1's forecast (level and spread) in periods 3..6 of the horizon, nothing else.
            forecasts.Add(Forecast(new SkuNode("A", id), 20 + i, 5 + i, t => i == 1 && t is >= 3 and <= 6 ? s.PromotionLift : 1.0));
        }

        var input = new PlanningInput(new PlanningSettings(PeriodKind.Day, Horizon, Levels, 1), locations, lanes, nodes, [], SignalTable.Empty);
        var demand = NodeDemand.Build(NetworkPlan.Build(input), forecasts);
        var targets = new NetworkPlacement().Place(NetworkPlan.Build(input), demand, CancellationToken.None);
        return (targets, NodeDriversBuilder.Build(NetworkPlan.Build(input), demand, targets), new SingleEchelonPlacement().Place(NetworkPlan.Build(input), demand, CancellationToken.None));
    }

    private static (IReadOnlyList<NodeExplanation> Explanations, IReadOnlyList<TargetRow> Before, IReadOnlyList<TargetRow> After) Explain(Scenario before, Scenario after)
    {
        var (oldTargets, oldDrivers) = Plan(before);
        var (newTargets, newDrivers) = Plan(after);
        return (ExplanationStage.Explain(newDrivers, oldDrivers, newTargets), oldTargets, newTargets);
    }

    private static TargetRow Row(IReadOnlyList<TargetRow> rows, string location) => rows.Single(r => r.Location == location);

    /// <summary>Checks the axioms every scenario must satisfy, given the drivers the scenario moved.</summary>
    private static void AssertCommon(IReadOnlyList<NodeExplanation> explanations, IReadOnlyList<TargetRow> before, IReadOnlyList<TargetRow> after, params BufferDriver[] moved)
    {
        foreach (var e in explanations)
        {
            var (b, a) = (Row(before, e.Key.Location), Row(after, e.Key.Location));
            Assert.Equal(ExplanationBaseline.PreviousRun, e.Baseline);

            // Efficiency against the published targets of both runs (independent of the attribution code).
            Assert.Equal(a.SafetyStock - b.SafetyStock, e.SafetyStock.Values.Sum(), 1e-9);
            Assert.Equal(a.BaseStock - b.BaseStock, e.BaseStock.Values.Sum(), 1e-9);
            Assert.Equal(a.HoldingCost - b.HoldingCost, e.HoldingCost.Values.Sum(), 1e-9);
            var repositioned = a.OutboundServiceTime != b.OutboundServiceTime || a.InboundServiceTime != b.InboundServiceTime;
            foreach (var driver in BufferDriverNames.All)
            {
                var free = moved.Contains(driver) || (driver == BufferDriver.Repositioning && repositioned);
                if (!free)
                {
                    // Null player: a driver that did not change gets exactly zero, in every measure.
                    foreach (var measure in Enum.GetValues<BufferMeasure>())
                    {
                        Assert.Equal(0.0, e.Contribution(measure, driver));
                    }
                }
            }
        }
    }

    [Fact]
    public void Service_target_change_lands_on_the_service_level_driver()
    {
        var (explanations, before, after) = Explain(new Scenario(), new Scenario(S1ServiceLevel: 0.99));
        AssertCommon(explanations, before, after, BufferDriver.ServiceLevel);
        var s1 = explanations.Single(e => e.Key.Location == "S1");
        Assert.True(s1.SafetyStock.Change > 0);
        Assert.Equal(Row(before, "S1").OutboundServiceTime, Row(after, "S1").OutboundServiceTime);
        Assert.Equal(Row(before, "S1").InboundServiceTime, Row(after, "S1").InboundServiceTime);

        // S1 kept its service times: the whole change is the service target's.
        Assert.Equal(s1.SafetyStock.Change, s1.Contribution(BufferMeasure.SafetyStock, BufferDriver.ServiceLevel), 1e-9);
        foreach (var other in explanations.Where(e => e.Key.Location != "S1"))
        {
            Assert.Equal(0.0, other.Contribution(BufferMeasure.SafetyStock, BufferDriver.ServiceLevel));
        }
    }

    [Fact]
    public void Lead_time_variability_on_one_lane_lands_on_that_node()
    {
        var (explanations, before, after) = Explain(new Scenario(), new Scenario(DcLeadTimeSd: 2.5));
        Assert.True(Row(after, "DC").NetReplenishmentTime > 0); // the DC holds stock, so the lane's variability matters
        AssertCommon(explanations, before, after, BufferDriver.LeadTimeVariability);
        var dc = explanations.Single(e => e.Key.Location == "DC");
        var share = dc.Contribution(BufferMeasure.SafetyStock, BufferDriver.LeadTimeVariability);
        Assert.True(share > 0);
        Assert.True(BufferDriverNames.All.All(d => Math.Abs(dc.Contribution(BufferMeasure.SafetyStock, d)) <= share));
        foreach (var store in explanations.Where(e => e.Key.Location != "DC"))
        {
            Assert.Equal(0.0, store.Contribution(BufferMeasure.SafetyStock, BufferDriver.LeadTimeVariability));
        }
    }

    [Fact]
    public void A_future_promotion_lands_on_the_demand_drivers_of_the_promoted_store_and_its_supplier()
    {
        var (explanations, before, after) = Explain(new Scenario(StoreLeadTime: 8), new Scenario(StoreLeadTime: 8, PromotionLift: 1.8));
        AssertCommon(explanations, before, after, BufferDriver.DemandLevel, BufferDriver.DemandUncertainty);
        var s1 = explanations.Single(e => e.Key.Location == "S1");
        Assert.True(s1.SafetyStock.Change > 0);
        // A promotion moves both demand drivers: the spread, and (because the bound covers the peak window of the
        // horizon) the level. The largest share must be one of the two, and together they carry the rise.
        var largest = BufferDriverNames.All.MaxBy(d => Math.Abs(s1.Contribution(BufferMeasure.SafetyStock, d)));
        Assert.Contains(largest, new[] { BufferDriver.DemandLevel, BufferDriver.DemandUncertainty });
        Assert.True(s1.Contribution(BufferMeasure.SafetyStock, BufferDriver.DemandLevel) + s1.Contribution(BufferMeasure.SafetyStock, BufferDriver.DemandUncertainty) > 0);
        Assert.True(s1.Contribution(BufferMeasure.BaseStock, BufferDriver.DemandLevel) > 0);
        var s2 = explanations.Single(e => e.Key.Location == "S2");
        Assert.Equal(0.0, s2.Contribution(BufferMeasure.SafetyStock, BufferDriver.DemandLevel));
        Assert.Equal(0.0, s2.Contribution(BufferMeasure.SafetyStock, BufferDriver.DemandUncertainty));
    }

    [Fact]
    public void A_holding_cost_change_moves_units_only_through_repositioning()
    {
        // Store units 30 -> 1 a unit: the optimizer moves the buffer from the DC to the stores (see NetworkPlacementTests).
        var (explanations, before, after) = Explain(new Scenario(DcLeadTime: 1, StoreLeadTime: 9), new Scenario(DcLeadTime: 1, StoreLeadTime: 9, StoreUnitCost: 1));
        AssertCommon(explanations, before, after, BufferDriver.HoldingCost);
        var moved = 0;
        foreach (var e in explanations)
        {
            var (b, a) = (Row(before, e.Key.Location), Row(after, e.Key.Location));
            Assert.Equal(0.0, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.HoldingCost));
            Assert.Equal(e.SafetyStock.Change, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.Repositioning), 1e-9);
            if (a.OutboundServiceTime != b.OutboundServiceTime || a.InboundServiceTime != b.InboundServiceTime)
            {
                Assert.NotEqual(0.0, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.Repositioning));
                moved++;
            }
            else
            {
                Assert.Equal(0.0, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.Repositioning));
            }

            if (e.Key.Location != "DC" && a.SafetyStock > 0)
            {
                Assert.True(e.Contribution(BufferMeasure.HoldingCost, BufferDriver.HoldingCost) < 0); // cheaper units
            }
        }

        Assert.True(moved >= 2, $"{moved} nodes repositioned");
    }

    [Fact]
    public void First_run_is_explained_against_single_echelon_placement()
    {
        var (targets, drivers, single) = PlanBoth(new Scenario(DcLeadTime: 1, StoreLeadTime: 9, StoreUnitCost: 1));
        var explanations = ExplanationStage.Explain(drivers, previous: null, targets);
        foreach (var e in explanations)
        {
            // Baseline = what SingleEchelonPlacement (its own code path) places at the node; total = the GSM target.
            Assert.Equal(ExplanationBaseline.SingleEchelon, e.Baseline);
            Assert.Equal(Row(single, e.Key.Location).SafetyStock, e.SafetyStock.Baseline, 1e-9);
            Assert.Equal(Row(single, e.Key.Location).BaseStock, e.BaseStock.Baseline, 1e-9);
            Assert.Equal(Row(targets, e.Key.Location).SafetyStock, e.SafetyStock.Total, 1e-9);
            Assert.Equal(e.SafetyStock.Change, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.Repositioning), 1e-9);
        }

        // The DC quotes its whole replenishment time: it holds nothing, single-echelon would hold z sd over 2 periods.
        var dc = explanations.Single(e => e.Key.Location == "DC");
        Assert.Equal(0.0, dc.SafetyStock.Total, 1e-12);
        Assert.True(dc.SafetyStock.Baseline > 0);
    }

    [Fact]
    public void Runs_with_different_horizons_mix_by_repeating_the_last_period()
    {
        // Previous run: 3 periods of mean 10, variance 4; this run: 6 periods of mean 10, variance 9. Stage time 5,
        // S = SI = 0, no lead-time variability, service 0.95. Mixing old variance with the new mean must read the old
        // variance's last period for periods 3..4: safety = z sqrt(5 x 4) (closed form), not an index error.
        var before = new NodeDrivers([10.0, 10, 10], [4.0, 4, 4], 5, 0, 0.95, 1, 0, 0);
        var after = new NodeDrivers([10.0, 10, 10, 10, 10, 10], [9.0, 9, 9, 9, 9, 9], 5, 0, 0.95, 1, 0, 0);
        var z = StandardNormal.Quantile(0.95);
        var mixed = PlacementBufferModel.Instance.Evaluate(NodeDrivers.Mix(before, after, 1 << (int)BufferDriver.DemandLevel));
        Assert.Equal(z * Math.Sqrt(20), mixed.SafetyStock, 1e-12);
        Assert.Equal(50 + (z * Math.Sqrt(20)), mixed.BaseStock, 1e-12);
        var e = BufferAttribution.Explain(new SkuNode("A", "S1"), ExplanationBaseline.PreviousRun, before, after, PlacementBufferModel.Instance);
        Assert.Equal(z * (Math.Sqrt(45) - Math.Sqrt(20)), e.Contribution(BufferMeasure.SafetyStock, BufferDriver.DemandUncertainty), 1e-12);
        Assert.Equal(0.0, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.DemandLevel));
    }
}
