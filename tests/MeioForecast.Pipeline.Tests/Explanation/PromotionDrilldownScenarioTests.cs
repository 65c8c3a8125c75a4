using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drilldown;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Forecasting.Selection;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Pipeline.Placement;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeioForecast.Pipeline.Tests.Explanation;

/// <summary>
/// Two planning runs through the real forecasting stage (<see cref="SelectingForecaster.CreateDefault"/>: global GBDT +
/// SSA, combination, fallback, calibration) that differ only by a promotion of store S1 in the future signals. The
/// explanation must put the sign and the largest share of S1's safety-stock change on the demand drivers, and the
/// drill-down must name the promotion (in its week) as the largest detail; details add up to the drivers.
/// </summary>
public class PromotionDrilldownScenarioTests
{
    private const int Horizon = 28;
    private const int History = 364;
    private const int Stores = 4;
    private static readonly DateOnly Start = new(2025, 11, 3); // history ends Sunday 2026-11-01: the horizon starts on a Monday
    private static readonly QuantileLevel[] Levels = [new(0.05), new(0.1), new(0.25), new(0.5), new(0.75), new(0.9), new(0.95)];

    /// <summary>Past promotions: about one day in eight per store, at fixed pseudo-random days.</summary>
    private static bool PastPromotion(int store, int day) => ((day * 7) + (store * 13)) % 8 == 0;

    /// <summary>The input; with <paramref name="promote"/> store S1 is promoted on horizon periods 7..13 (Mon 2026-11-09 .. Sun 2026-11-15, ISO week 2026-W46).</summary>
    private static PlanningInput Input(bool promote)
    {
        var random = new Random(7);
        var locations = new Dictionary<string, Location> { ["SUP"] = new("SUP", LocationType.Supplier, 2), ["DC"] = new("DC", LocationType.DistributionCenter, 1) };
        var lanes = new List<Lane> { new(null, "SUP", "DC", new LeadTime(3, 0)) };
        var nodes = new List<SkuNodeParameters> { new(new SkuNode("A", "DC"), 10, 0.2, 0.95, null, 1) };
        var demand = new List<DemandSeries>();
        var values = new List<KeyValuePair<(string, DateOnly, string, string), double>>();
        for (var i = 1; i <= Stores; i++)
        {
            var id = $"S{i}";
            locations[id] = new Location(id, LocationType.Store, 0);
            lanes.Add(new Lane(null, "DC", id, new LeadTime(7, 0)));
            nodes.Add(new SkuNodeParameters(new SkuNode("A", id), 30, 0.25, 0.95, null, 0));
            var y = new double[History];
            for (var t = 0; t < History + Horizon; t++)
            {
                var promoted = t < History ? PastPromotion(i, t) : promote && i == 1 && t - History is >= 7 and <= 13;
                values.Add(new(("promotion", Start.AddDays(t), "A", id), promoted ? 1 : 0));
                if (t < History)
                {
                    var mean = (20 + (5 * i)) * (1 + (0.2 * Math.Sin(2 * Math.PI * t / 7))) * (promoted ? 2.0 : 1.0);
                    y[t] = Math.Max(0, Math.Round(mean + (0.15 * mean * Normal(random))));
                }
            }

            demand.Add(new DemandSeries(new SkuNode("A", id), PeriodKind.Day, Start, y));
        }

        var signals = new SignalTable(new Dictionary<string, SignalKind> { ["promotion"] = SignalKind.KnownInAdvance }, values);
        return new PlanningInput(new PlanningSettings(PeriodKind.Day, Horizon, Levels, 42), locations, lanes, nodes, demand, signals);
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Both runs, planned once for the class.</summary>
    private static readonly Lazy<(PlanningResult Before, PlanningResult After)> Runs = new(() => (Run(promote: false), Run(promote: true)));

    private static readonly PlanningRun Planner = new(SelectingForecaster.CreateDefault(), new NetworkPlacement(), NullLogger<PlanningRun>.Instance);

    private static PlanningResult Run(bool promote) => Planner.Execute(Input(promote), null, CancellationToken.None);

    [Fact]
    public void A_future_promotion_is_explained_by_the_demand_drivers_and_drilled_down_to_the_promotion_week()
    {
        var (before, after) = Runs.Value;
        var explanations = ExplanationStage.Explain(ExplainedRun.Of(after), ExplainedRun.Of(before), Planner.Replanner, CancellationToken.None).Explanations;
        var details = ExplanationStage.Details(explanations, after.ForecastContributions, before.ForecastContributions);
        var s1 = explanations.Single(e => e.Key == new SkuNode("A", "S1"));
        Assert.True(after.Forecasts.Single(f => f.Key == s1.Key).Method.Contains("gbdt", StringComparison.Ordinal), "the GBDT serves S1");

        // Sign and largest share on the demand drivers (jointly: a promotion moves both level and spread).
        var change = s1.SafetyStock.Change;
        var demand = s1.Contribution(BufferMeasure.SafetyStock, BufferDriver.DemandLevel) + s1.Contribution(BufferMeasure.SafetyStock, BufferDriver.DemandUncertainty);
        Assert.True(change > 0, $"S1 safety stock change {change}");
        Assert.True(demand > 0, $"demand drivers {demand}");
        foreach (var driver in BufferDriverNames.All.Where(d => d is not (BufferDriver.DemandLevel or BufferDriver.DemandUncertainty)))
        {
            Assert.True(Math.Abs(s1.Contribution(BufferMeasure.SafetyStock, driver)) < demand, $"{driver} {s1.Contribution(BufferMeasure.SafetyStock, driver)} vs demand {demand}");
        }

        // Details add up to each demand driver's contribution (explanations.csv's row) and the largest names the week.
        var rows = details[s1.Key];
        foreach (var driver in new[] { BufferDriver.DemandLevel, BufferDriver.DemandUncertainty })
        {
            Assert.Equal(s1.Contribution(BufferMeasure.SafetyStock, driver), rows.Where(r => r.Driver == driver).Sum(r => r.Contribution), 1e-9);
        }

        var largest = rows.MaxBy(r => Math.Abs(r.Contribution))!;
        Assert.Equal("promotion week 2026-W46", largest.Detail);
        Assert.True(largest.Contribution > 0);
        Assert.Contains("(promotion week 2026-W46)", ExplanationSentence.Format(s1, rows), StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_contributions_add_up_to_the_served_forecast_over_the_covered_periods()
    {
        // Oracle, independent of TreeSHAP: the groups of S1's level measure add up to (L / H) x the sum over the horizon
        // of the served forecast's median (forecasts.csv), L = SI + stage time - S of the run's drivers.
        var run = Runs.Value.After;
        var key = new SkuNode("A", "S1");
        var forecast = run.Forecasts.Single(f => f.Key == key);
        var median = Array.FindIndex(Levels, l => l.Value == 0.5);
        var covered = PlacementBufferModel.CoveredPeriods(run.Drivers[key]);
        var expected = covered / Horizon * Enumerable.Range(0, Horizon).Sum(t => forecast.Quantiles[t, median]);
        var level = run.ForecastContributions[key].Level;
        Assert.Equal(expected, level.Sum(g => g.Contribution), 1e-9 * expected);
        Assert.Contains(level, g => g.Group == "promotion");
        Assert.Contains(level, g => g.Group == ForecastFeatureGroups.ModelBase);

        // The DC's measure is the sum over the stores it supplies (quantity per unit 1), over its own covered periods.
        var dc = new SkuNode("A", "DC");
        var storesMedian = run.Forecasts.Sum(f => Enumerable.Range(0, Horizon).Sum(t => f.Quantiles[t, median]));
        var dcExpected = PlacementBufferModel.CoveredPeriods(run.Drivers[dc]) / Horizon * storesMedian;
        Assert.Equal(dcExpected, run.ForecastContributions[dc].Level.Sum(g => g.Contribution), 1e-9 * Math.Max(1, dcExpected));
    }
}
