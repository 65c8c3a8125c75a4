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
    public void Periods_the_availability_signal_marks_0_are_missing_not_zero_demand()
    {
        // A shop closed on days 50..79 (open = 0, no sales), 10 a day otherwise; origin day 85, six days after it reopened.
        // Hand count with the closed days missing: every window averages its open days, all 10, so the scale is 10 and
        // every level feature is 1; the same-weekday lags (days 79, 72, 65, 58) fall in the closure: NaN. Read as zeros
        // (no signal) the 28-day window holds 22 zeros and the lag is 0: the reopened store looks like a dying one.
        const int length = 100, closedFrom = 50, closedTo = 79, origin = 85;
        bool Closed(int d) => d >= closedFrom && d <= closedTo;
        var series = Series(i => Closed(i) ? 0 : 10, i => 1, length);
        var values = new List<KeyValuePair<(string, DateOnly, string, string), double>>();
        for (var d = 0; d < length + 28; d++)
        {
            values.Add(new(("open", Start.AddDays(d), "A", "S1"), Closed(d) ? 0 : 1));
        }

        var signals = new SignalTable(new Dictionary<string, SignalKind> { ["open"] = SignalKind.KnownInAdvance }, values);
        var masked = new DirectFeatureBuilder(PeriodKind.Day, series, signals, 28, missingWhere: "open");
        var frame = masked.Build([(0, origin)], [1]);
        double F(string name) => frame.Columns[masked.Names.ToList().IndexOf(name)][0];

        Assert.Equal(10, frame.Scale[0], 12); // 56 open days of 10 in 0..85
        Assert.Equal(1, F("last"), 12);
        Assert.Equal(1, F("mean_7"), 12);
        Assert.Equal(1, F("mean_28"), 12);
        Assert.Equal(1, F("mean_91"), 12);
        Assert.Equal(0, F("std_28"), 12);
        Assert.Equal(1, F("ewm_0.1"), 12);
        Assert.Equal(1, F("ewm_0.3"), 12);
        Assert.Equal(0, F("zero_share_28"));
        Assert.Equal(0, F("since_nonzero"));
        Assert.Equal(1, F("trend_ratio"), 12);
        Assert.True(double.IsNaN(F("seasonal_lag")));
        Assert.True(double.IsNaN(F("seasonal_mean")));
        Assert.Equal(1, frame.Target[0], 12); // day 86: 10 / 10

        var zeros = new DirectFeatureBuilder(PeriodKind.Day, series, signals, 28);
        var read = zeros.Build([(0, origin)], [1]);
        double Z(string name) => read.Columns[zeros.Names.ToList().IndexOf(name)][0];
        var scale = 560 / 86.0;
        Assert.Equal(scale, read.Scale[0], 12);
        Assert.Equal(22 / 28.0, Z("zero_share_28"), 12);
        Assert.Equal(60 / 28.0 / scale, Z("mean_28"), 12);
        Assert.Equal(0, Z("seasonal_lag"));

        // A store never closed is untouched by the signal: the same features with and without it.
        var b = masked.Build([(1, origin)], [1]);
        var bz = zeros.Build([(1, origin)], [1]);
        for (var c = 0; c < b.Columns.Length; c++)
        {
            Assert.Equal(bz.Columns[c], b.Columns[c]);
        }
    }

    [Fact]
    public void Horizon_outside_the_prepared_range_is_refused()
    {
        var builder = new DirectFeatureBuilder(PeriodKind.Day, Series(i => i, i => 1, 30), SignalTable.Empty, 7);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Build([(0, 29)], [8]));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Build([(0, 30)], [1]));
    }
}
