using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Features;

namespace MeioForecast.Forecasting.Tests.Features;

public class DirectFeatureBuilderTests
{
    private static readonly DateOnly Start = new(2025, 1, 6); // a Monday

    private static SignalTable Signals(int days)
    {
        var values = new List<KeyValuePair<(string, DateOnly, string, string), double>>();
        for (var d = 0; d < days; d++)
        {
            var date = Start.AddDays(d);
            values.Add(new((("price", date, "A", "")), 2.0 + (d % 10 == 0 ? -0.5 : 0)));
            values.Add(new((("holiday", date, "", "")), d % 30 == 29 ? 1 : 0));
            values.Add(new((("temperature", date, "", "S1")), 10 + d % 5));
        }

        return new SignalTable(
            new Dictionary<string, SignalKind> { ["price"] = SignalKind.KnownInAdvance, ["holiday"] = SignalKind.KnownInAdvance, ["temperature"] = SignalKind.ObservedOnly },
            values);
    }

    private static DemandSeries[] Series(Func<int, double> a, Func<int, double> b, int length) =>
    [
        new(new SkuNode("A", "S1"), PeriodKind.Day, Start, Enumerable.Range(0, length).Select(a).ToArray()),
        new(new SkuNode("B", "S1"), PeriodKind.Day, Start, Enumerable.Range(0, length).Select(b).ToArray()),
    ];

    [Fact]
    public void Changing_or_deleting_targets_after_the_origin_changes_no_feature()
    {
        // The leakage test of the forecasting issue: features at origin t must depend on y[0..t] only.
        var random = new Random(3);
        const int length = 400, horizon = 28;
        var full = Series(i => random.Next(0, 30), i => i % 7 == 0 ? 0 : random.Next(0, 5), length);
        var signals = Signals(length + horizon + 20);
        var builder = new DirectFeatureBuilder(PeriodKind.Day, full, signals, horizon);
        foreach (var origin in new[] { 0, 5, 90, 200, 370, 399 })
        {
            var shuffled = full.Select(s => new DemandSeries(s.Key, s.Period, s.Start,
                s.Quantities.Select((q, i) => i <= origin ? q : random.Next(0, 1000)).ToArray())).ToArray();
            var truncated = full.Select(s => new DemandSeries(s.Key, s.Period, s.Start, s.Quantities.Take(origin + 1).ToArray())).ToArray();
            var a = builder.Build([(0, origin), (1, origin)], Enumerable.Range(1, horizon).ToArray());
            var b = new DirectFeatureBuilder(PeriodKind.Day, shuffled, signals, horizon).Build([(0, origin), (1, origin)], Enumerable.Range(1, horizon).ToArray());
            var c = new DirectFeatureBuilder(PeriodKind.Day, truncated, signals, horizon).Build([(0, origin), (1, origin)], Enumerable.Range(1, horizon).ToArray());
            for (var col = 0; col < a.Columns.Length; col++)
            {
                Assert.Equal(a.Columns[col], b.Columns[col]);
                Assert.Equal(a.Columns[col], c.Columns[col]);
            }

            Assert.Equal(a.Scale, c.Scale);
        }
    }

    [Fact]
    public void Features_match_hand_computed_values()
    {
        // y_i = i for i = 0..20; origin t = 13 (a Sunday), horizon 2: target 2025-01-21, a Tuesday.
        var series = Series(i => i, i => 1, 21);
        var builder = new DirectFeatureBuilder(PeriodKind.Day, series, Signals(80), 28);
        var frame = builder.Build([(0, 13)], [2]);
        double F(string name) => frame.Columns[builder.Names.ToList().IndexOf(name)][0];

        var scale = Enumerable.Range(0, 14).Average(); // window 91 clipped to the 14 periods of history = 6.5
        Assert.Equal(scale, frame.Scale[0], 12);
        Assert.Equal(15 / scale, frame.Target[0], 12);
        Assert.Equal(2, F("horizon"));
        Assert.Equal((int)DayOfWeek.Tuesday, F("day_of_week"));
        Assert.Equal(4, F("week_of_year")); // ISO week of 2025-01-21
        Assert.Equal(1, F("month"));
        Assert.Equal(21, F("day_of_month"));
        Assert.Equal(13 / scale, F("last"), 12);
        Assert.Equal(10 / scale, F("mean_7"), 12); // mean of 7..13
        Assert.Equal(6.5 / scale, F("mean_28"), 12); // clipped to 0..13
        Assert.Equal(8 / scale, F("seasonal_lag"), 12); // same weekday one week before the target: y[15 - 7]
        Assert.Equal((8 + 1) / 2.0 / scale, F("seasonal_mean"), 12); // y[8], y[1]; y[-6], y[-13] do not exist
        Assert.True(double.IsNaN(F("yearly_lag")));
        Assert.Equal(1 / 14.0, F("zero_share_28"), 12);
        Assert.Equal(0, F("since_nonzero"));
        Assert.Equal(Math.Sqrt(Enumerable.Range(0, 14).Select(i => (i - 6.5) * (i - 6.5)).Sum() / 13) / scale, F("std_28"), 12);
        // Known signal at the target (day 15: no discount) and its change against the recent mean (days 0..13: 2 - 0.5*2/14).
        Assert.Equal(2.0, F("price"));
        Assert.Equal(2.0 - (2.0 - 1.0 / 14), F("price_vs_recent"), 12);
        // Holiday flag every 30th day (day 29): 14 days after the target, beyond the reach of 14 -> 15; none before -> 15.
        Assert.Equal(14, F("holiday_next_event"));
        Assert.Equal(15, F("holiday_prev_event"));
        // Observed signal: at the origin only (day 13: 10 + 13 % 5 = 13).
        Assert.Equal(13, F("temperature_at_origin"));
        Assert.DoesNotContain("temperature", builder.Names);
    }

    [Fact]
    public void Horizon_outside_the_prepared_range_is_refused()
    {
        var builder = new DirectFeatureBuilder(PeriodKind.Day, Series(i => i, i => 1, 30), SignalTable.Empty, 7);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Build([(0, 29)], [8]));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Build([(0, 30)], [1]));
    }
}
