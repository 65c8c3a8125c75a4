namespace MeioForecast.Core.Planning;

/// <summary>The length of one planning period: demand, lead times and service times are all counted in it.</summary>
public enum PeriodKind
{
    /// <summary>One calendar day.</summary>
    Day,

    /// <summary>Seven days; period dates are the first day of each week.</summary>
    Week,
}
