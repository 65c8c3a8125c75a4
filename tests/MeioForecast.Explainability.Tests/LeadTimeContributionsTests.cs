using MeioForecast.Explainability.Drilldown;
using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Explainability.Tests;

public class LeadTimeContributionsTests
{
    private static readonly string[] Names = ["known_promotion", "week_of_year", "lag28", "known_price"];

    /// <summary>A tiny median GBDT: demand 20, +15 in promotion weeks, -0.5 per price unit above 10, a weekly pattern.</summary>
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

    [Fact]
    public void Groups_add_up_to_the_predicted_lead_time_demand_and_the_promotion_peaks_in_its_week()
    {
        // Oracle: SHAP local accuracy (Lundberg & Lee 2017) - base value + contributions = the model's own prediction,
        // so the aggregate must equal the weighted sum of GbdtModel.Predict over the covered periods (5.5: five whole
        // periods and half of the sixth).
        var model = TinyModel();
        var rows = FutureRows();
        var drilldown = LeadTimeContributions.Aggregate(rows.Select(r => (IReadOnlyList<double>)model.Contributions(r)).ToList(), Names, 5.5);
        var expected = Enumerable.Range(0, 6).Sum(t => (t < 5 ? 1.0 : 0.5) * model.Predict(rows[t]));
        Assert.Equal(expected, drilldown.Total, 1e-9);
        Assert.Equal(5.5 * model.ExpectedValue, drilldown.BaseValue, 1e-9);

        var promotion = drilldown.Groups.Single(g => g.Group == "promotion");
        Assert.Equal(3, promotion.PeakPeriod);
        Assert.True(promotion.PeakContribution > 5, $"promotion week contributes {promotion.PeakContribution}");
        Assert.Equal(["price", "promotion", "seasonality", "trend/lags"], drilldown.Groups.Select(g => g.Group).Order(StringComparer.Ordinal));
        Assert.Equal(1, drilldown.Groups.Single(g => g.Group == "price").PeakPeriod); // the price cut in period 1

        // Covering only periods 0..2 leaves the promotion week out: no positive promotion contribution remains.
        var short3 = LeadTimeContributions.Aggregate(rows.Select(r => (IReadOnlyList<double>)model.Contributions(r)).ToList(), Names, 3);
        Assert.True(short3.Groups.Single(g => g.Group == "promotion").Contribution < promotion.Contribution - 5);
    }

    [Theory]
    [InlineData("known_promotion", "promotion")]
    [InlineData("observed_temperature", "weather")]
    [InlineData("known_price", "price")]
    [InlineData("known_holiday", "holiday")]
    [InlineData("day_of_week", "seasonality")]
    [InlineData("lag28", "trend/lags")]
    [InlineData("mean14", "trend/lags")]
    [InlineData("sku", "item")]
    [InlineData("known_footfall", "footfall")]
    public void Feature_names_map_to_planner_groups(string feature, string group) => Assert.Equal(group, ForecastFeatureGroups.Of(feature));
}
