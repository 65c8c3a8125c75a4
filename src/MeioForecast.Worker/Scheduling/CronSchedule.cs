using Cronos;

namespace MeioForecast.Worker.Scheduling;

/// <summary>
/// A cron schedule in UTC, parsed and stepped by Cronos: the five classic fields <c>minute hour day-of-month month
/// day-of-week</c>, or six with a leading <c>second</c> field. Each field takes <c>*</c>, numbers, ranges <c>a-b</c> (a
/// reversed range wraps around), steps <c>*/s</c>, <c>a-b/s</c>, <c>a/s</c> and comma lists; months and weekdays also
/// take three-letter names (JAN, MON); weekday 0 and 7 are Sunday.
/// As in Vixie cron, when both day-of-month and day-of-week are restricted (neither starts with '*' or is '?') a day
/// matches either of them; Cronos alone would require both, so such a schedule is the union of two Cronos expressions.
/// Example: <c>0 2 * * *</c> is 02:00 UTC every day; <c>*/15 * * * MON-FRI</c> every quarter hour on weekdays.
/// </summary>
public sealed class CronSchedule
{
    private static readonly DateTime SearchLimit = new(2499, 12, 31, 0, 0, 0, DateTimeKind.Utc);
    private readonly CronExpression[] _expressions;

    private CronSchedule(string expression, CronExpression[] expressions)
    {
        Expression = expression;
        _expressions = expressions;
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

        var format = parts.Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        var (dom, dow) = (parts.Length - 3, parts.Length - 1);
        string[][] variants = Restricted(parts[dom]) && Restricted(parts[dow])
            ? [[.. parts[..dow], "*"], [.. parts[..dom], "*", parts[dom + 1], parts[dow]]]
            : [parts];
        CronExpression[] expressions;
        try
        {
            expressions = [.. variants.Select(v => CronExpression.Parse(string.Join(' ', v), format))];
        }
        catch (CronFormatException ex)
        {
            throw new FormatException($"Cron expression '{expression}': {ex.Message}", ex);
        }

        var schedule = new CronSchedule(expression, expressions);
        return schedule.Next(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)) is null
            ? throw new FormatException($"Cron expression '{expression}' never fires (no such date).")
            : schedule;
    }

    /// <summary>The first firing time strictly after <paramref name="after"/> (UTC, whole seconds), or null when it never fires again.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var from = after.UtcDateTime;
        DateTime? first = null;
        foreach (var expression in _expressions)
        {
            if (expression.GetNextOccurrence(from, TimeZoneInfo.Utc, inclusive: false) is { } next && next <= SearchLimit && (first is null || next < first))
            {
                first = next;
            }
        }

        return first is { } found ? new DateTimeOffset(found, TimeSpan.Zero) : null;
    }

    /// <inheritdoc />
    public override string ToString() => Expression;

    // Vixie cron: a day field is "unrestricted" when it starts with '*' (so '*/2' is unrestricted too) or is '?'.
    private static bool Restricted(string field) => !field.StartsWith('*') && field != "?";
}
