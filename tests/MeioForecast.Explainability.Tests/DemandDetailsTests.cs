using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drilldown;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Explainability.Shapley;

namespace MeioForecast.Explainability.Tests;

public class DemandDetailsTests
{
    private static readonly SkuNode Key = new("A", "S1");
    private static readonly DateOnly Week48 = new(2026, 11, 25); // Wednesday of ISO week 2026-W48 (Nov 23-29)

    /// <summary>A node explanation whose safety stock has the given demand-driver contributions (other drivers 0).</summary>
    private static NodeExplanation Explanation(double level, double uncertainty)
    {
        var values = new double[BufferDriverNames.All.Count];
        values[(int)BufferDriver.DemandLevel] = level;
        values[(int)BufferDriver.DemandUncertainty] = uncertainty;
        var safety = new ShapleyResult(values, 100, 100 + level + uncertainty);
        var zero = new ShapleyResult(new double[values.Length], 0, 0);
        return new NodeExplanation(Key, ExplanationBaseline.PreviousRun, safety, zero, zero);
    }

    private static GroupContribution G(string group, double value, DateOnly? peak = null) => new(group, value, peak);

    [Fact]
    public void Drivers_are_split_in_proportion_to_the_group_changes_and_add_up()
    {
        // Hand computation: level groups move promotion +30, trend/lags -5, model base 0 (net +25), so a level
        // contribution of 10 splits into 10 x 30 / 25 = 12 and 10 x (-5) / 25 = -2. Spread: promotion +8, other models
        // +2 (net 10), uncertainty 5 -> 4 and 1.
        var previous = new NodeForecastContributions(
            [G("model base", 100), G("promotion", 0, Week48.AddDays(-20)), G("trend/lags", 10, Week48)],
            [G("model base", 50), G("other models", 20), G("promotion", 1, Week48)]);
        var current = new NodeForecastContributions(
            [G("model base", 100), G("promotion", 30, Week48), G("trend/lags", 5, Week48)],
            [G("model base", 50), G("other models", 22), G("promotion", 9, Week48)]);
        var details = DemandDetails.Attribute(Explanation(10, 5), current, previous);

        Assert.Equal(
            [
                (BufferDriver.DemandLevel, "promotion week 2026-W48", 12.0),
                (BufferDriver.DemandLevel, "trend/lags", -2.0),
                (BufferDriver.DemandUncertainty, "promotion week 2026-W48", 4.0),
                (BufferDriver.DemandUncertainty, "other models", 1.0),
            ],
            details.Select(d => (d.Driver, d.Detail, Math.Round(d.Contribution, 12))));
        Assert.Equal(10, details.Where(d => d.Driver == BufferDriver.DemandLevel).Sum(d => d.Contribution), 1e-12);
        Assert.Equal(5, details.Where(d => d.Driver == BufferDriver.DemandUncertainty).Sum(d => d.Contribution), 1e-12);
    }

    [Fact]
    public void A_group_present_in_one_run_only_counts_as_zero_in_the_other_and_keeps_its_peak_week()
    {
        // Previous run had a promotion (peak in W48), this one has none: the level fell by the promotion's 20 only.
        var previous = new NodeForecastContributions([G("model base", 100), G("promotion", 20, Week48)], []);
        var current = new NodeForecastContributions([G("model base", 100)], []);
        var details = DemandDetails.Attribute(Explanation(-6, 0), current, previous);
        var single = Assert.Single(details);
        Assert.Equal(("promotion week 2026-W48", -6.0), (single.Detail, single.Contribution));
    }

    [Fact]
    public void Unchanged_drivers_have_no_rows_and_missing_or_offsetting_measures_are_not_attributed()
    {
        var same = new NodeForecastContributions([G("model base", 100), G("promotion", 3)], [G("model base", 10)]);
        Assert.Empty(DemandDetails.Attribute(Explanation(0, 0), same, same));

        // No previous measure (e.g. a run written before forecast_contributions.csv existed): the whole driver is "not attributed".
        var none = DemandDetails.Attribute(Explanation(4, 0), same, null);
        Assert.Equal([(BufferDriver.DemandLevel, "not attributed", 4.0)], none.Select(d => (d.Driver, d.Detail, d.Contribution)));

        // Offsetting moves (+50 and -49.9: net 0.1 < 1% of the gross 99.9) would give shares of +-2000 for a driver of 4.
        var before = new NodeForecastContributions([G("promotion", 0), G("price", 50)], []);
        var after = new NodeForecastContributions([G("promotion", 50), G("price", 0.1)], []);
        var offsetting = DemandDetails.Attribute(Explanation(4, 0), after, before);
        Assert.Equal([(BufferDriver.DemandLevel, "not attributed", 4.0)], offsetting.Select(d => (d.Driver, d.Detail, d.Contribution)));
    }

    [Fact]
    public void The_planner_sentence_names_the_largest_detail_of_a_driver()
    {
        var previous = new NodeForecastContributions([G("promotion", 0)], [G("promotion", 0), G("price", 0)]);
        var current = new NodeForecastContributions([G("promotion", 2, Week48)], [G("promotion", 20, Week48), G("price", 5)]);
        var e = Explanation(3, 28);
        var sentence = ExplanationSentence.Format(e, DemandDetails.Attribute(e, current, previous));
        Assert.Equal("Safety stock at S1 for SKU A rose 31 units (+31%): demand uncertainty +28 (promotion week 2026-W48), demand level +3 (promotion week 2026-W48)", sentence);
        Assert.Equal("Safety stock at S1 for SKU A rose 31 units (+31%): demand uncertainty +28, demand level +3", ExplanationSentence.Format(e));
    }

    [Theory]
    [InlineData("promotion", "2026-11-25", "promotion week 2026-W48")]
    [InlineData("holiday/event", "2026-12-31", "holiday/event week 2026-W53")]
    [InlineData("holiday/event", "2027-01-01", "holiday/event week 2026-W53")]
    [InlineData("price", "2026-11-25", "price")]
    public void Event_groups_name_their_ISO_week(string group, string peak, string label) =>
        Assert.Equal(label, DemandDetails.Label(group, DateOnly.Parse(peak, System.Globalization.CultureInfo.InvariantCulture)));
}
