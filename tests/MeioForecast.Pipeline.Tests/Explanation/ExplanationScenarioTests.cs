using MeioForecast.Core.Demand;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Pipeline.Explanation.Inputs;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Pipeline.Tests.Builders;

namespace MeioForecast.Pipeline.Tests.Explanation;

/// <summary>
/// Two runs that differ in their inputs: the explanation must put the change on the changed input's driver (the
/// optimizer's response and the calibration are inside the value function, not players), give exactly zero to every
/// driver whose inputs did not change (null player), and add up to the change of the published targets. Oracles: the
/// published targets of both runs, and for two changed inputs the two-player Shapley closed form with the mixed
/// coalitions planned directly as scenarios of their own (a peer run, not the input mix).
/// </summary>
public class ExplanationScenarioTests
{
    private const int Horizon = 30;
    private static readonly QuantileLevel[] Levels = Forecasts.Grid(20);
    private static readonly SkuReplanner Uncalibrated = new(new NetworkPlacement(), null, DemandBoundKind.Normal);

    /// <summary>One scenario's inputs: supplier -> DC -> stores S1..Sn, sku A (and an untouched sku B on the same lanes).</summary>
    private sealed record Scenario(
        int Stores = 2,
        double DcLeadTime = 10,
        double DcLeadTimeSd = 0,
        double StoreLeadTime = 1,
        double StoreLeadTimeSd = 0,
        double StoreUnitCost = 30,
        double DcHoldingRate = 0.2,
        double S1ServiceLevel = 0.95,
        double S1Level = 1.0);

    private static (PlanningInput Input, List<SeriesForecast> Forecasts) Input(Scenario s)
    {
        var locations = new Dictionary<string, Location> { ["SUP"] = new("SUP", LocationType.Supplier, 2), ["DC"] = new("DC", LocationType.DistributionCenter, 1) };
        // Sku B has a supply lane of its own, so only sku A's inputs change between scenarios.
        var lanes = new List<Lane> { new("A", "SUP", "DC", new LeadTime(s.DcLeadTime, s.DcLeadTimeSd)), new("B", "SUP", "DC", new LeadTime(10, 0)) };
        var nodes = new List<SkuNodeParameters>();
        var forecasts = new List<SeriesForecast>();
        foreach (var sku in new[] { "A", "B" })
        {
            nodes.Add(new SkuNodeParameters(new SkuNode(sku, "DC"), 10, sku == "A" ? s.DcHoldingRate : 0.2, 0.95, null, 1));
            for (var i = 1; i <= s.Stores; i++)
            {
                var id = $"S{i}";
                var a1 = sku == "A" && i == 1;
                nodes.Add(new SkuNodeParameters(new SkuNode(sku, id), s.StoreUnitCost, 0.25, a1 ? s.S1ServiceLevel : 0.95, null, 0));
                forecasts.Add(Forecasts.Normal(new SkuNode(sku, id), Levels, Horizon, (20 + i) * (a1 ? s.S1Level : 1.0), 5 + i));
            }
        }

        for (var i = 1; i <= s.Stores; i++)
        {
            locations[$"S{i}"] = new Location($"S{i}", LocationType.Store, 0);
            lanes.Add(new Lane(null, "DC", $"S{i}", new LeadTime(s.StoreLeadTime, s.StoreLeadTimeSd)));
        }

        forecasts.Sort((a, b) => a.Key.CompareTo(b.Key));
        return (new PlanningInput(new PlanningSettings(PeriodKind.Day, Horizon, Levels, 1), locations, lanes, nodes, [], SignalTable.Empty), forecasts);
    }

    /// <summary>Plans <paramref name="s"/> the way the run does (placement, then calibration when given), not through the input mix.</summary>
    private static ExplainedRun Plan(Scenario s, ServiceCalibrator? calibrator = null)
    {
        var (input, forecasts) = Input(s);
        var plan = NetworkPlan.Build(input);
        var demand = NodeDemand.Build(plan, forecasts);
        var placement = new NetworkPlacement();
        var targets = calibrator is null ? placement.Place(plan, demand, CancellationToken.None) : calibrator.Calibrate(plan, demand, forecasts, placement, CancellationToken.None).Targets;
        var single = new SingleEchelonPlacement().Place(plan, demand, CancellationToken.None);
        return new ExplainedRun(RunInputs.From(plan, forecasts), targets, NodeDriversBuilder.Build(plan, demand, targets), single.ToDictionary(t => new SkuNode(t.Sku, t.Location)));
    }

    private static IReadOnlyList<NodeExplanation> Explain(ExplainedRun before, ExplainedRun after, SkuReplanner? replanner = null) =>
        ExplanationStage.Explain(after, before, replanner ?? Uncalibrated, CancellationToken.None).Explanations;

    private static TargetRow Row(ExplainedRun run, SkuNode key) => run.Targets.Single(r => r.Sku == key.Sku && r.Location == key.Location);

    /// <summary>Efficiency against both runs' published targets; null players exactly 0; sku B (inputs unchanged) exactly 0.</summary>
    private static void AssertCommon(IReadOnlyList<NodeExplanation> explanations, ExplainedRun before, ExplainedRun after, params BufferDriver[] moved)
    {
        foreach (var e in explanations)
        {
            var (b, a) = (Row(before, e.Key), Row(after, e.Key));
            Assert.Equal(ExplanationBaseline.PreviousRun, e.Baseline);
            Assert.Equal(a.SafetyStock - b.SafetyStock, e.SafetyStock.Values.Sum(), 1e-9);
            Assert.Equal(a.BaseStock - b.BaseStock, e.BaseStock.Values.Sum(), 1e-9);
            Assert.Equal(a.HoldingCost - b.HoldingCost, e.HoldingCost.Values.Sum(), 1e-9);
            foreach (var driver in BufferDriverNames.All.Where(d => !moved.Contains(d) || e.Key.Sku == "B"))
            {
                foreach (var measure in Enum.GetValues<BufferMeasure>())
                {
                    Assert.Equal(0.0, e.Contribution(measure, driver));
                }
            }

            if (e.Key.Sku == "B")
            {
                Assert.Equal(b.SafetyStock, a.SafetyStock);
            }
        }
    }

    /// <summary>The criterion: the driver carries at least 90% of the sum over sku-nodes of |change of safety stock|.</summary>
    private static void AssertCarries(IReadOnlyList<NodeExplanation> explanations, BufferDriver driver)
    {
        var total = explanations.Sum(e => Math.Abs(e.SafetyStock.Change));
        var carried = explanations.Sum(e => Math.Abs(e.Contribution(BufferMeasure.SafetyStock, driver)));
        Assert.True(total > 1, $"the scenario moved {total} units");
        Assert.True(carried >= 0.9 * total, $"{driver} carries {carried} of {total}");
    }

    [Fact]
    public void Service_target_change_lands_on_the_service_target_driver()
    {
        var (before, after) = (Plan(new Scenario()), Plan(new Scenario(S1ServiceLevel: 0.99)));
        var explanations = Explain(before, after);
        AssertCommon(explanations, before, after, BufferDriver.ServiceLevel);
        AssertCarries(explanations, BufferDriver.ServiceLevel);
        Assert.Contains("service target 95% -> 99% at S1", ExplanationSentence.Format(explanations[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Lead_time_changes_land_on_the_lead_time_drivers()
    {
        var before = Plan(new Scenario());
        var mean = Plan(new Scenario(DcLeadTime: 12));
        var spread = Plan(new Scenario(DcLeadTimeSd: 2.5));
        var byMean = Explain(before, mean);
        AssertCommon(byMean, before, mean, BufferDriver.LeadTimeMean);
        AssertCarries(byMean, BufferDriver.LeadTimeMean);
        var bySpread = Explain(before, spread);
        AssertCommon(bySpread, before, spread, BufferDriver.LeadTimeVariability);
        AssertCarries(bySpread, BufferDriver.LeadTimeVariability);
        Assert.Contains("lead-time sd SUP -> DC 0 -> 2.5", ExplanationSentence.Format(bySpread[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_holding_cost_change_is_the_holding_cost_drivers_and_the_sentence_names_the_optimizers_response()
    {
        // DC holding-cost rate 0.2 -> 2: the optimizer stops holding at the DC and the stores hold more (S of the DC up).
        var (before, after) = (Plan(new Scenario(DcLeadTime: 6, StoreLeadTime: 4)), Plan(new Scenario(DcLeadTime: 6, StoreLeadTime: 4, DcHoldingRate: 2)));
        var dc = new SkuNode("A", "DC");
        Assert.NotEqual(Row(before, dc).OutboundServiceTime, Row(after, dc).OutboundServiceTime); // the scenario repositions
        var explanations = Explain(before, after);
        AssertCommon(explanations, before, after, BufferDriver.HoldingCost);
        AssertCarries(explanations, BufferDriver.HoldingCost);
        var sentence = ExplanationSentence.Format(explanations.Single(e => e.Key == dc));
        Assert.Contains("holding cost +900% at DC", sentence, StringComparison.Ordinal);
        Assert.Contains("so the optimizer moved stock downstream (S ", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_demand_change_of_one_series_lands_on_the_forecast_level()
    {
        // With lead-time variability on the store lanes, the safety stock depends on the level (mu^2 sigma_L^2).
        var (before, after) = (Plan(new Scenario(StoreLeadTimeSd: 1)), Plan(new Scenario(StoreLeadTimeSd: 1, S1Level: 1.5)));
        var explanations = Explain(before, after);
        AssertCommon(explanations, before, after, BufferDriver.DemandLevel);
        AssertCarries(explanations, BufferDriver.DemandLevel);
        var s1 = explanations.Single(e => e.Key == new SkuNode("A", "S1"));
        Assert.True(s1.Contribution(BufferMeasure.BaseStock, BufferDriver.DemandLevel) > 0);
    }

    [Fact]
    public void Two_changed_inputs_share_the_change_by_the_two_player_closed_form()
    {
        // Players: service target (a) and holding cost (b). Oracle: phi_a = ((v(a) - v(0)) + (v(ab) - v(b))) / 2, with v(a),
        // v(b) planned as scenarios of their own (not via the input mix).
        var v0 = Plan(new Scenario(DcLeadTime: 6, StoreLeadTime: 4));
        var va = Plan(new Scenario(DcLeadTime: 6, StoreLeadTime: 4, S1ServiceLevel: 0.99));
        var vb = Plan(new Scenario(DcLeadTime: 6, StoreLeadTime: 4, DcHoldingRate: 2));
        var vab = Plan(new Scenario(DcLeadTime: 6, StoreLeadTime: 4, S1ServiceLevel: 0.99, DcHoldingRate: 2));
        var explanations = Explain(v0, vab);
        AssertCommon(explanations, v0, vab, BufferDriver.ServiceLevel, BufferDriver.HoldingCost);
        foreach (var e in explanations.Where(e => e.Key.Sku == "A"))
        {
            double V(ExplainedRun r) => Row(r, e.Key).SafetyStock;
            Assert.Equal(((V(va) - V(v0)) + (V(vab) - V(vb))) / 2, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.ServiceLevel), 1e-9);
            Assert.Equal(((V(vb) - V(v0)) + (V(vab) - V(va))) / 2, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.HoldingCost), 1e-9);
        }
    }

    [Fact]
    public void With_calibration_the_coalitions_are_calibrated_and_a_rerun_of_the_same_inputs_reproduces_to_the_bit()
    {
        var calibrator = new ServiceCalibrator(new ServiceCheckOptions { Replications = 4, Periods = 200, MaxRounds = 4, CompareSingleEchelon = false });
        var replanner = new SkuReplanner(new NetworkPlacement(), calibrator, DemandBoundKind.Normal);
        var before = Plan(new Scenario(DcLeadTime: 6, StoreLeadTime: 4), calibrator);
        var again = Plan(new Scenario(DcLeadTime: 6, StoreLeadTime: 4), calibrator);
        Assert.Equal(before.Targets, again.Targets); // same input, same calibrated targets (records compare every field)
        Assert.Equal(before.Targets.Where(t => t.Sku == "A"), replanner.Place(before.Inputs.Settings, before.Inputs.Locations, before.Inputs.Skus["A"], CancellationToken.None));

        // Two inputs changed: the mixed coalitions are placed and calibrated; oracle as above, calibrated peer runs.
        var va = Plan(new Scenario(DcLeadTime: 6, StoreLeadTime: 4, S1ServiceLevel: 0.99), calibrator);
        var vb = Plan(new Scenario(DcLeadTime: 6, StoreLeadTime: 4, DcHoldingRate: 2), calibrator);
        var vab = Plan(new Scenario(DcLeadTime: 6, StoreLeadTime: 4, S1ServiceLevel: 0.99, DcHoldingRate: 2), calibrator);
        var explanations = Explain(before, vab, replanner);
        AssertCommon(explanations, before, vab, BufferDriver.ServiceLevel, BufferDriver.HoldingCost);
        foreach (var e in explanations.Where(e => e.Key.Sku == "A"))
        {
            double V(ExplainedRun r) => Row(r, e.Key).SafetyStock;
            Assert.Equal(((V(va) - V(before)) + (V(vab) - V(vb))) / 2, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.ServiceLevel), 1e-9);
        }
    }

    [Fact]
    public void First_run_is_network_against_single_echelon_and_its_composition_follows_the_closed_form()
    {
        var run = Plan(new Scenario(DcLeadTime: 6, DcLeadTimeSd: 1.5, StoreLeadTime: 4, StoreLeadTimeSd: 1));
        var result = ExplanationStage.Explain(run, null, Uncalibrated, CancellationToken.None);
        foreach (var e in result.Explanations)
        {
            Assert.Equal(ExplanationBaseline.SingleEchelon, e.Baseline);
            Assert.Equal(run.SingleEchelon[e.Key].SafetyStock, e.SafetyStock.Baseline);
            Assert.Equal(Row(run, e.Key).SafetyStock, e.SafetyStock.Total);
            Assert.Equal(e.SafetyStock.Change, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.Network), 1e-12);
        }

        // Composition of a node with stationary demand (mean m, variance s2 per period), covering L periods, lead-time sd
        // sL: a = z sqrt(L s2), b = z m sL, c = z sqrt(L s2 + m^2 sL^2) (the bound's formula, stationary case):
        // demand uncertainty (c + a - b) / 2, lead-time variability (c + b - a) / 2.
        foreach (var c in result.Composition.Where(c => run.Drivers[c.Key].LeadTimeSd > 0 && c.SafetyStock.Total > 0))
        {
            var d = run.Drivers[c.Key];
            var (m, s2, z) = (d.Mean[0], d.Variance[0], StandardNormal.Quantile(d.ServiceLevel));
            var l = PlacementBufferModel.CoveredPeriods(d);
            var (a, b, total) = (z * Math.Sqrt(l * s2), z * m * d.LeadTimeSd / 1, z * Math.Sqrt((l * s2) + (m * m * d.LeadTimeSd * d.LeadTimeSd)));
            Assert.Equal(total, c.SafetyStock.Total, 1e-9 * total);
            Assert.Equal((total + a - b) / 2, c.Contribution(BufferMeasure.SafetyStock, BufferDriver.DemandUncertainty), 1e-9 * total);
            Assert.Equal((total + b - a) / 2, c.Contribution(BufferMeasure.SafetyStock, BufferDriver.LeadTimeVariability), 1e-9 * total);
            Assert.Equal(0.0, c.SafetyStock.Baseline);
        }

        Assert.Contains(result.Composition, c => run.Drivers[c.Key].LeadTimeSd > 0 && c.SafetyStock.Total > 0);
    }
}
