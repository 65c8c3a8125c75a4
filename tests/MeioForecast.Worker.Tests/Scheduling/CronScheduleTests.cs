using MeioForecast.Worker.Scheduling;

namespace MeioForecast.Worker.Tests.Scheduling;

public sealed class CronScheduleTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    [Theory]
    // Hand-checked against a calendar: 2026-11-22 is a Sunday, 2026-11-27 a Friday, 2028 is the next leap year.
    [InlineData("0 2 * * *", "2026-11-22T06:26:00Z", "2026-11-23T02:00:00Z")]
    [InlineData("*/15 * * * *", "2026-11-22T06:26:00Z", "2026-11-22T06:30:00Z")]
    [InlineData("0 9 * * MON-FRI", "2026-11-27T10:00:00Z", "2026-11-30T09:00:00Z")]
    [InlineData("0 0 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 13 * FRI", "2026-11-22T00:00:00Z", "2026-11-27T00:00:00Z")]
    [InlineData("30 4 1,15 * *", "2026-11-15T04:30:00Z", "2026-12-01T04:30:00Z")]
    [InlineData("0 0 * * 7", "2026-11-22T00:00:00Z", "2026-11-29T00:00:00Z")]
    [InlineData("*/10 * * * * *", "2026-11-22T06:26:05Z", "2026-11-22T06:26:10Z")]
    [InlineData("0 0 1 JAN *", "2026-11-22T00:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData("59 23 31 12 *", "2026-12-31T23:59:00Z", "2027-12-31T23:59:00Z")]
    public void Next_matches_hand_checked_dates(string expression, string after, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            CronSchedule.Parse(expression).Next(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Next_agrees_with_a_minute_by_minute_brute_force_scan()
    {
        // Oracle: scan every minute after the start and take the first that matches the fields, read by the definition
        // of crontab(5) in the test itself (Matches below), independent of the library that steps the schedule.
        var expressions = new[]
        {
            "*/7 3-5 * * *", "0 0 * * 1", "15 */6 1-7 * MON", "5,35 12 */2 * *", "0 22 * JUN-AUG SAT,SUN", "1-10/3 * 31 * *", "0 0 1 */5 *",
        };
        var random = new Random(11);
        foreach (var expression in expressions)
        {
            var schedule = CronSchedule.Parse(expression);
            var matches = Matcher(expression);
            for (var trial = 0; trial < 20; trial++)
            {
                var start = Utc(2026, 1, 1).AddMinutes(random.Next(0, 525_600)).AddSeconds(random.Next(0, 60));
                var scan = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
                while (!matches(scan))
                {
                    scan = scan.AddMinutes(1);
                }

                Assert.Equal(new DateTimeOffset(scan), schedule.Next(start));
            }
        }
    }

    [Fact]
    public void Both_day_fields_restricted_means_either_day_matches_as_in_vixie_cron()
    {
        // crontab(5): "If both fields are restricted (i.e., don't start with *), the command will be run when either field matches."
        var schedule = CronSchedule.Parse("0 0 1 * MON");
        Assert.Equal(Utc(2026, 11, 30), schedule.Next(Utc(2026, 11, 24)));                    // the next Monday comes before the 1st
        Assert.Equal(Utc(2026, 12, 1), schedule.Next(Utc(2026, 11, 30)));                     // a Tuesday, but the 1st
        var stepped = CronSchedule.Parse("0 0 */2 * MON");                                      // '*/2' (days 1, 3, ..., 31) counts as unrestricted: AND
        Assert.Equal(Utc(2026, 12, 7), stepped.Next(Utc(2026, 11, 24)));                       // Monday the 30th is even: the 7th
    }

    [Fact]
    public void A_reversed_range_wraps_around()
    {
        // 5-1 in the minute field: minutes 5..59 and 0..1 (Cronos's reading; the classic parsers reject it).
        Assert.Equal(Utc(2026, 11, 22, 6, 1), CronSchedule.Parse("5-1 * * * *").Next(Utc(2026, 11, 22, 6, 0, 30)));
        Assert.Equal(Utc(2026, 11, 22, 6, 5), CronSchedule.Parse("5-1 * * * *").Next(Utc(2026, 11, 22, 6, 1)));
    }

    /// <summary>
    /// crontab(5) for 5-field expressions with numbers, names, ranges, steps and lists (the test's own reading); the
    /// fields are read once, as the scan asks about hundreds of thousands of minutes.
    /// </summary>
    private static Func<DateTime, bool> Matcher(string expression)
    {
        var f = expression.Split(' ');
        var (minutes, hours) = (Field(f[0], 0, 59, []), Field(f[1], 0, 23, []));
        var dom = Field(f[2], 1, 31, []);
        var months = Field(f[3], 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]);
        var dow = Field(f[4], 0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]);
        var bothDaysRestricted = !f[2].StartsWith('*') && !f[4].StartsWith('*');
        return t =>
        {
            var dayOfWeek = (int)t.DayOfWeek;
            var dowMatch = dow.Contains(dayOfWeek) || (dayOfWeek == 0 && dow.Contains(7));
            var dayMatch = bothDaysRestricted ? dom.Contains(t.Day) || dowMatch : dom.Contains(t.Day) && dowMatch;
            return minutes.Contains(t.Minute) && hours.Contains(t.Hour) && dayMatch && months.Contains(t.Month);
        };

        static HashSet<int> Field(string text, int min, int max, string[] names)
        {
            var set = new HashSet<int>();
            foreach (var item in text.Split(','))
            {
                var parts = item.Split('/');
                var step = parts.Length == 2 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
                var bounds = parts[0] == "*" ? [min, max] : parts[0].Split('-').Select(Value).ToArray();
                var to = bounds.Length == 2 ? bounds[1] : parts.Length == 2 ? max : bounds[0];
                for (var v = bounds[0]; v <= to; v += step)
                {
                    set.Add(v);
                }
            }

            return set;

            int Value(string v) => Array.IndexOf(names, v) is var i and >= 0 ? i + (min == 1 ? 1 : 0) : int.Parse(v, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("* * * *")]
    [InlineData("60 * * * *")]
    [InlineData("* 24 * * *")]
    [InlineData("* * 0 * *")]
    [InlineData("* * * 13 *")]
    [InlineData("* * * * 8")]
    [InlineData("*/0 * * * *")]
    [InlineData("0 0 30 2 *")]
    [InlineData("0 0 * FOO *")]
    public void Invalid_expressions_fail_with_a_format_error(string expression) =>
        Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));
}
