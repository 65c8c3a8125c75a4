namespace MeioForecast.Core.Planning;

/// <summary>Calendar arithmetic on planning periods.</summary>
public static class PeriodKindExtensions
{
    /// <summary>Days in one period.</summary>
    public static int Days(this PeriodKind period) => period == PeriodKind.Week ? 7 : 1;

    /// <summary>The date <paramref name="periods"/> periods after <paramref name="date"/>.</summary>
    public static DateOnly Add(this PeriodKind period, DateOnly date, int periods) => date.AddDays(periods * period.Days());

    /// <summary>Whole periods from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static int Between(this PeriodKind period, DateOnly from, DateOnly to) => (to.DayNumber - from.DayNumber) / period.Days();

    /// <summary>The natural seasonal cycle in periods: a week of days, or a year of weeks.</summary>
    public static int SeasonLength(this PeriodKind period) => period == PeriodKind.Week ? 52 : 7;
}
