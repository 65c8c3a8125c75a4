using MeioForecast.Explainability.Drilldown;
using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Pipeline.Tests.Explanation;

public class LeadTimeContributionsTests
{
    private static readonly string[] Names = ["promotion", "week_of_year", "mean_7", "price"];
    private static readonly DateOnly First = new(2026, 11, 2);

    /// <summary>A tiny median GBDT: demand 20, +15 in promotion periods, -0.5 per price unit above 10, a yearly pattern.</summary>
    private static GbdtModel TinyModel()
    {
        var n = 400;
        var cols = Names.Select(_ => new double[n]).ToArray();
        var label = new double[n];
        for (var i = 0; i < n; i++)
        {
            cols[0][i] = i % 7 == 0 ? 1 : 0;
            cols[1][i] = i % 52;
            cols[2][i] = 20 + (i % 5);
            cols[3][i] = 8 + (i % 6);
            label[i] = 20 + (15 * cols[0][i]) - (0.5 * (cols[3][i] - 10)) + (cols[1][i] < 26 ? 2 : -2);
        }

        var options = new GbdtOptions { Alpha = 0.5, NumIterations = 60, NumLeaves = 8, MinDataInLeaf = 5, LearningRate = 0.2 };
        return new GbdtTrainer(options).Fit(new GbdtDataset(Names, cols, label));
    }

    private static double[][] FutureRows() =>
        Enumerable.Range(0, 8).Select(t => new double[] { t == 3 ? 1 : 0, 30 + t, 22, t == 1 ? 8 : 11 }).ToArray();

    /// <summary>Per period: the feature contributions summed by group, then the model base (the expected value).</summary>
    private static (string[] Groups, double[][] Periods) Grouped(GbdtModel model, double[][] rows)
    {
        var groups = Names.Select(ForecastFeatureGroups.Of).Distinct().Append(ForecastFeatureGroups.ModelBase).ToArray();
        var periods = rows.Select(r =>
        {
            var phi = model.Contributions(r);
            var g = new double[groups.Length];
            for (var f = 0; f < Names.Length; f++)
            {
                g[Array.IndexOf(groups, ForecastFeatureGroups.Of(Names[f]))] += phi[f];
            }

            g[^1] = phi[^1];
            return g;
        }).ToArray();
        return (groups, periods);
    }

    [Fact]
    public void Groups_add_up_to_the_bounds_lead_time_demand_and_the_promotion_peaks_in_its_period()
    {
        // Oracle: SHAP local accuracy (Lundberg & Lee 2017) - base value + contributions = the model's own prediction -
        // and the demand bound's horizon-averaged window (SingleEchelonPlacement.HorizonLeadTimeDemandMoments): expected
        // demand over L = 5.5 periods starting uniformly in the 8-period horizon = 5.5 / 8 x the sum of the predictions.
        var model = TinyModel();
        var rows = FutureRows();
        var (groups, periods) = Grouped(model, rows);
        var dates = Enumerable.Range(0, rows.Length).Select(t => First.AddDays(t)).ToArray();
        var result = LeadTimeContributions.Aggregate(groups, periods, dates, 5.5);
        var expected = 5.5 / 8 * rows.Sum(r => model.Predict(r));
        Assert.Equal(expected, result.Sum(g => g.Contribution), 1e-9);
        Assert.Equal(5.5 * model.ExpectedValue, result.Single(g => g.Group == ForecastFeatureGroups.ModelBase).Contribution, 1e-9);
        Assert.Null(result.Single(g => g.Group == ForecastFeatureGroups.ModelBase).PeakDate);

        var promotion = result.Single(g => g.Group == "promotion");
        Assert.Equal(First.AddDays(3), promotion.PeakDate);
        Assert.Equal(First.AddDays(1), result.Single(g => g.Group == "price").PeakDate); // the price cut in period 1
        Assert.Equal(["model base", "price", "promotion", "seasonality", "trend/lags"], result.Select(g => g.Group).Order(StringComparer.Ordinal));
        Assert.Equal(result.Select(g => Math.Abs(g.Contribution)).OrderByDescending(x => x), result.Select(g => Math.Abs(g.Contribution)));
    }

    [Fact]
    public void No_covered_period_gives_zero_everywhere()
    {
        var (groups, periods) = Grouped(TinyModel(), FutureRows());
        var result = LeadTimeContributions.Aggregate(groups, periods, periods.Select((_, t) => First.AddDays(t)).ToArray(), 0);
        Assert.All(result, g => Assert.Equal(0.0, g.Contribution));
    }

    [Theory]
    [InlineData("promotion_depth", "promotion")]
    [InlineData("promotion_depth_vs_recent", "promotion")]
    [InlineData("promotion_next_event", "promotion")]
    [InlineData("temperature_at_origin", "weather")]
    [InlineData("temperature_mean_7", "weather")]
    [InlineData("price", "price")]
    [InlineData("relative_price", "price")]
    [InlineData("price_vs_recent", "price")]
    [InlineData("holiday", "holiday/event")]
    [InlineData("holiday_prev_event", "holiday/event")]
    [InlineData("day_of_week", "seasonality")]
    [InlineData("week_of_year", "seasonality")]
    [InlineData("seasonal_lag", "seasonality")]
    [InlineData("yearly_lag", "seasonality")]
    [InlineData("mean_28", "trend/lags")]
    [InlineData("ewm_0.1", "trend/lags")]
    [InlineData("std_14", "trend/lags")]
    [InlineData("last", "trend/lags")]
    [InlineData("trend_ratio", "trend/lags")]
    [InlineData("since_nonzero", "trend/lags")]
    [InlineData("sku", "sku/location")]
    [InlineData("location", "sku/location")]
    [InlineData("horizon", "horizon")]
    [InlineData("footfall_vs_recent", "footfall")]
    [InlineData("footfall_mean_7", "footfall")]
    public void Feature_names_of_the_direct_feature_builder_map_to_planner_groups(string feature, string group) =>
        Assert.Equal(group, ForecastFeatureGroups.Of(feature));

    [Fact]
    public void Every_feature_the_builder_reports_maps_to_a_planner_group()
    {
        // The builder's own names (daily, with an event, a known and an observed signal): none falls through to itself.
        var signals = new MeioForecast.Core.Demand.SignalTable(
            new Dictionary<string, MeioForecast.Core.Demand.SignalKind>
            {
                ["price"] = MeioForecast.Core.Demand.SignalKind.KnownInAdvance,
                ["promotion"] = MeioForecast.Core.Demand.SignalKind.KnownInAdvance,
                ["temperature"] = MeioForecast.Core.Demand.SignalKind.ObservedOnly,
            },
            [new(("promotion", new DateOnly(2026, 1, 1), "", ""), 1.0)]);
        var series = new MeioForecast.Core.Demand.DemandSeries(new MeioForecast.Core.Keys.SkuNode("A", "S"), MeioForecast.Core.Planning.PeriodKind.Day, new DateOnly(2026, 1, 1), Enumerable.Repeat(3.0, 60).ToArray());
        var builder = new MeioForecast.Forecasting.Features.DirectFeatureBuilder(MeioForecast.Core.Planning.PeriodKind.Day, [series], signals, 7);
        string[] planner = ["price", "promotion", "holiday/event", "weather", "seasonality", "trend/lags", "sku/location", "horizon"];
        Assert.All(builder.Names, n => Assert.Contains(ForecastFeatureGroups.Of(n), planner));
    }
}
