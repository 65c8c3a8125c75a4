using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Baseline;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Pipeline.Explanation.Inputs;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Storage.Input;
using Xunit.Abstractions;

namespace MeioForecast.Worker.Tests.Explanations;

/// <summary>
/// Issue 25's scenarios on data-samples: one input changed at a time, planned again against the unchanged input. The
/// changed input's driver must carry at least 90% of the sum over sku-nodes of |change of safety stock| and every sku
/// whose inputs did not change must move by exactly 0. Oracle: the two published plans themselves (each planned from
/// its own input, not through the explanation's input mix); the contributions must add up to their difference. The
/// per-series baseline forecaster keeps one series' demand change inside its sku (a global model would move every
/// sku's forecast, correctly so).
/// </summary>
public sealed class SampleScenarioExplanationTests(ITestOutputHelper output)
{
    private static readonly Lazy<PlanningInput> Sample = new(() => PlanningInputLoader.Load(TestPaths.DataSamples));

    private static IReadOnlyList<SeriesForecast> Forecast(PlanningInput input) =>
        new SeasonalEmpiricalForecaster().Fit(new ForecastTrainingData(input.Settings.Period, input.Demand, input.Signals, input.Settings.Seed))
            .Predict(new ForecastRequest(input.Settings.Horizon, input.Settings.QuantileLevels, input.Signals));

    private static ExplainedRun Plan(PlanningInput input, ServiceCalibrator? calibrator)
    {
        var forecasts = Forecast(input);
        var plan = NetworkPlan.Build(input);
        var demand = NodeDemand.Build(plan, forecasts);
        var placement = new NetworkPlacement();
        var targets = calibrator is null ? placement.Place(plan, demand, CancellationToken.None) : calibrator.Calibrate(plan, demand, forecasts, placement, CancellationToken.None).Targets;
        var single = new SingleEchelonPlacement().Place(plan, demand, CancellationToken.None).ToDictionary(t => new SkuNode(t.Sku, t.Location));
        return new ExplainedRun(RunInputs.From(plan, forecasts), targets, NodeDriversBuilder.Build(plan, demand, targets), single);
    }

    /// <summary>Plans both inputs, explains the second against the first, checks additivity and the untouched skus; returns the share the drivers carry.</summary>
    private double Carried(PlanningInput before, PlanningInput after, string[] changedSkus, BufferDriver[] drivers, ServiceCalibrator? calibrator = null)
    {
        var (a, b) = (Plan(before, calibrator), Plan(after, calibrator));
        var replanner = new SkuReplanner(new NetworkPlacement(), calibrator, DemandBoundKind.Normal);
        var explanations = ExplanationStage.Explain(b, a, replanner, CancellationToken.None).Explanations;
        var rowsA = a.Targets.ToDictionary(t => new SkuNode(t.Sku, t.Location));
        var rowsB = b.Targets.ToDictionary(t => new SkuNode(t.Sku, t.Location));
        Assert.Equal(rowsB.Count, explanations.Count);
        foreach (var e in explanations)
        {
            var change = rowsB[e.Key].SafetyStock - rowsA[e.Key].SafetyStock;
            Assert.All(BufferDriverNames.All.Except(drivers), d => Assert.Equal(0.0, e.Contribution(BufferMeasure.SafetyStock, d))); // null players
            Assert.Equal(change, e.SafetyStock.Values.Sum(), 1e-9 * Math.Max(1, Math.Abs(rowsB[e.Key].SafetyStock)));
            if (!changedSkus.Contains(e.Key.Sku))
            {
                Assert.Equal(rowsA[e.Key], rowsB[e.Key]);
                Assert.All(BufferDriverNames.All, d => Assert.Equal(0.0, e.Contribution(BufferMeasure.SafetyStock, d)));
            }
        }

        var total = explanations.Sum(e => Math.Abs(e.SafetyStock.Change));
        var carried = explanations.Sum(e => Math.Abs(drivers.Sum(d => e.Contribution(BufferMeasure.SafetyStock, d))));
        var largest = explanations.MaxBy(e => Math.Abs(e.SafetyStock.Change))!;
        output.WriteLine($"moved {total:F1} units over {explanations.Count(e => e.SafetyStock.Change != 0)} sku-nodes; {string.Join('+', drivers)} carry {carried:F1}; largest: {ExplanationSentence.Format(largest)}");
        Assert.True(total > 1, $"the scenario moved {total} units");
        return carried / total;
    }

    private static PlanningInput WithNode(PlanningInput input, SkuNode key, Func<SkuNodeParameters, SkuNodeParameters> change) =>
        input with { SkuNodes = input.SkuNodes.Select(n => n.Key == key ? change(n) : n).ToList() };

    private static PlanningInput WithLane(PlanningInput input, string from, string to, Func<LeadTime, LeadTime> change)
    {
        Assert.Contains(input.Lanes, l => l.From == from && l.To == to);
        return input with { Lanes = input.Lanes.Select(l => l.From == from && l.To == to ? l with { LeadTime = change(l.LeadTime) } : l).ToList() };
    }

    /// <summary>The five scenarios: the changed input, and the drivers that must carry the change.</summary>
    public static TheoryData<string> Scenarios => new() { "service target", "lead-time mean", "lead-time spread", "holding cost", "recent demand" };

    private static (PlanningInput After, BufferDriver[] Drivers, string[] ChangedSkus) Change(PlanningInput input, string scenario)
    {
        var store8 = new SkuNode("SKU-006", "STORE-08");
        return scenario switch
        {
            "service target" => (WithNode(input, store8, n => n with { ServiceLevel = 0.99 }), [BufferDriver.ServiceLevel], ["SKU-006"]),
            "lead-time mean" => (WithLane(input, "DC-EAST", "STORE-08", t => new LeadTime(t.Mean + 2, t.StandardDeviation)), [BufferDriver.LeadTimeMean], SkusAt(input, "STORE-08")),
            "lead-time spread" => (WithLane(input, "PLANT-NORTH", "DC-EAST", t => new LeadTime(t.Mean, 2 * t.StandardDeviation)), [BufferDriver.LeadTimeVariability], SkusAt(input, "DC-EAST")),
            "holding cost" => (WithNode(input, new SkuNode("SKU-006", "DC-EAST"), n => n with { HoldingCostRate = 0.40 }), [BufferDriver.HoldingCost], ["SKU-006"]),
            // The last 28 days of one store's demand x 1.5. The input is the demand history; the forecaster turns it into
            // both forecast drivers, the level (median) and the spread around it, so the two carry the change together.
            // Measured: the level alone carries 16.6 of 10.9 units uncalibrated (the spread offsets -5.7) and 23.8 of 31.9
            // calibrated (the spread +8.1: a higher forecast is also wider in units).
            "recent demand" => (input with
            {
                Demand = input.Demand.Select(d => d.Key != store8 ? d : new DemandSeries(d.Key, d.Period, d.Start, d.Quantities.Select((q, i) => i >= d.Length - 28 ? Math.Round(q * 1.5) : q).ToList())).ToList(),
            }, [BufferDriver.DemandLevel, BufferDriver.DemandUncertainty], ["SKU-006"]),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };
    }

    private static string[] SkusAt(PlanningInput input, string location) => input.SkuNodes.Where(n => n.Key.Location == location).Select(n => n.Key.Sku).Distinct().ToArray();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_changed_input_carries_the_change_on_the_whole_sample(string scenario)
    {
        var (after, drivers, skus) = Change(Sample.Value, scenario);
        Assert.True(Carried(Sample.Value, after, skus, drivers) >= 0.9);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void With_the_service_check_the_changed_input_still_carries_the_change(string scenario)
    {
        // Calibrated plans (the run's default): the calibrated level is evaluated inside each coalition, so it must not
        // appear as a driver of its own. Two skus of data-samples keep the test short (SKU-007 is untouched by the
        // node-level scenarios).
        var input = Sample.Value;
        string[] subset = ["SKU-006", "SKU-007"];
        input = input with
        {
            SkuNodes = input.SkuNodes.Where(n => subset.Contains(n.Key.Sku)).ToList(),
            Demand = input.Demand.Where(s => subset.Contains(s.Key.Sku)).ToList(),
        };
        var calibrator = new ServiceCalibrator(new ServiceCheckOptions { Replications = 4, Periods = 200, MaxRounds = 4, CompareSingleEchelon = false });
        var (after, drivers, skus) = Change(input, scenario);
        Assert.True(Carried(input, after, skus, drivers, calibrator) >= 0.9);
    }
}
