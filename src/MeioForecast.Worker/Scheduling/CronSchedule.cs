using System.Globalization;

namespace MeioForecast.Worker.Scheduling;

/// <summary>
/// A cron schedule in UTC: the five classic fields <c>minute hour day-of-month month day-of-week</c>, or six with a
/// leading <c>second</c> field. Each field takes <c>*</c>, numbers, ranges <c>a-b</c>, steps <c>*/s</c>, <c>a-b/s</c>,
/// <c>a/s</c> and comma lists; months and weekdays also take three-letter names (JAN, MON); weekday 0 and 7 are Sunday.
/// As in Vixie cron, when both day-of-month and day-of-week are restricted (neither starts with '*') a day matches
/// either of them.
/// Example: <c>0 2 * * *</c> is 02:00 UTC every day; <c>*/15 * * * MON-FRI</c> every quarter hour on weekdays.
/// </summary>
public sealed class CronSchedule
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private static readonly TimeSpan SearchLimit = TimeSpan.FromDays(366 * 8 + 2);

    private readonly bool[] _seconds;
    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _daysOfMonth;
    private readonly bool[] _months;
    private readonly bool[] _daysOfWeek;
    private readonly bool _domRestricted;
    private readonly bool _dowRestricted;

    private CronSchedule(string expression, bool[][] fields, bool domRestricted, bool dowRestricted)
    {
        Expression = expression;
        (_seconds, _minutes, _hours, _daysOfMonth, _months, _daysOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
        _domRestricted = domRestricted;
        _dowRestricted = dowRestricted;
    }

    /// <summary>The expression as given.</summary>
    public string Expression { get; }

    /// <summary>Parses a 5- or 6-field expression; throws <see cref="FormatException"/> naming the bad field.</summary>
    public static CronSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parts = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (5 or 6))
        {
            throw new FormatException($"Cron expression '{expression}' must have 5 fields (minute hour day-of-month month day-of-week) or 6 (with seconds first).");
        }

        if (parts.Length == 5)
        {
            parts = ["0", .. parts];
        }

        var fields = new[]
        {
            ParseField(parts[0], "second", 0, 59, null, expression),
            ParseField(parts[1], "minute", 0, 59, null, expression),
            ParseField(parts[2], "hour", 0, 23, null, expression),
            ParseField(parts[3], "day-of-month", 1, 31, null, expression),
            ParseField(parts[4], "month", 1, 12, MonthNames, expression),
            ParseField(parts[5], "day-of-week", 0, 7, DayNames, expression),
        };
        if (fields[5][7])
        {
            fields[5][0] = true;
        }

        // Vixie cron: a day field is "unrestricted" when it starts with '*' (so '*/2' is unrestricted too).
        var schedule = new CronSchedule(expression, fields, !parts[3].StartsWith('*') && parts[3] != "?", !parts[5].StartsWith('*') && parts[5] != "?");
        return schedule.Next(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)) is null
            ? throw new FormatException($"Cron expression '{expression}' never fires (no such date).")
            : schedule;
    }

    /// <summary>The first firing time strictly after <paramref name="after"/> (UTC, whole seconds), or null when none within 8 years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var utc = after.UtcDateTime;
        var t = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, DateTimeKind.Utc).AddSeconds(1);
        var limit = utc + SearchLimit;
        while (t <= limit)
        {
            if (!_months[t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
                continue;
            }

            if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (!_hours[t.Hour])
            {
                t = t.Date.AddHours(t.Hour + 1);
                continue;
            }

            if (!_minutes[t.Minute])
            {
                t = t.Date.AddHours(t.Hour).AddMinutes(t.Minute + 1);
                continue;
            }

            if (!_seconds[t.Second])
            {
                t = t.AddSeconds(1);
                continue;
            }

            return new DateTimeOffset(t);
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Expression;

    /// <summary>True when second, minute, hour, day and month of <paramref name="time"/> all match (for tests and checks).</summary>
    internal bool Matches(DateTime time) =>
        _seconds[time.Second] && _minutes[time.Minute] && _hours[time.Hour] && _months[time.Month] && DayMatches(time);

    private bool DayMatches(DateTime t)
    {
        var dom = _daysOfMonth[t.Day];
        var dow = _daysOfWeek[(int)t.DayOfWeek];
        return _domRestricted && _dowRestricted ? dom || dow : dom && dow;
    }

    private static bool[] ParseField(string text, string name, int min, int max, string[]? names, string expression)
    {
        var set = new bool[max + 1];
        foreach (var item in text.Split(','))
        {
            var (range, step) = SplitStep(item, name, expression);
            int from, to;
            if (range is "*" or "?")
            {
                (from, to) = (min, max);
            }
            else if (range.Contains('-', StringComparison.Ordinal))
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                from = Value(range[..dash], name, min, max, names, expression);
                to = Value(range[(dash + 1)..], name, min, max, names, expression);
                if (to < from)
                {
                    throw Error(expression, name, $"range '{range}' runs backwards");
                }
            }
            else
            {
                from = Value(range, name, min, max, names, expression);
                to = step > 1 || item.Contains('/', StringComparison.Ordinal) ? max : from;
            }

            for (var v = from; v <= to; v += step)
            {
                set[v] = true;
            }
        }

        return set;
    }

    private static (string Range, int Step) SplitStep(string item, string name, string expression)
    {
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (item, 1);
        }

        if (!int.TryParse(item[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step < 1)
        {
            throw Error(expression, name, $"step in '{item}' must be a positive number");
        }

        return (item[..slash], step);
    }

    private static int Value(string text, string name, int min, int max, string[]? names, string expression)
    {
        if (names is not null)
        {
            var index = Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return index + (min == 1 ? 1 : 0);
            }
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Error(expression, name, $"'{text}' is not in {min}..{max}");
    }

    private static FormatException Error(string expression, string field, string problem) =>
        new($"Cron expression '{expression}': {field} field: {problem}.");
}
