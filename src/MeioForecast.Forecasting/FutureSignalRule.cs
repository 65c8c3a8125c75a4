using MeioForecast.Core.Demand;

namespace MeioForecast.Forecasting;

/// <summary>
/// What a forecast needs of a known-in-advance signal over its horizon, defined once for the forecasters (which throw
/// <see cref="MissingFutureSignalException"/>) and for the planning input's check (which reports the same breach as
/// bad input before any fit): a signal a series has at its last period must have a value at every forecast period. A
/// signal the series lacks at its last period needs none: it is a gap in the records (Rossmann's stores without rows in
/// the second half of 2014), read as 0 in the horizon as the fits read the history's gaps.
/// </summary>
public static class FutureSignalRule
{
    /// <summary>
    /// The first of the <paramref name="horizon"/> periods after <paramref name="series"/> at which
    /// <paramref name="signals"/> has no value of <paramref name="signal"/>, when it has one at the series' last
    /// period; null when the rule holds.
    /// </summary>
    public static DateOnly? FirstMissing(SignalTable signals, string signal, DemandSeries series, int horizon) =>
        FirstMissing(signals, signals, signal, series, horizon);

    /// <summary>
    /// <see cref="FirstMissing(SignalTable, string, DemandSeries, int)"/> with the last period read from
    /// <paramref name="history"/> (a fitted model's training signals) and the horizon from <paramref name="future"/>
    /// (the request's).
    /// </summary>
    public static DateOnly? FirstMissing(SignalTable history, SignalTable future, string signal, DemandSeries series, int horizon)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(future);
        ArgumentNullException.ThrowIfNull(series);
        if (!history.TryGetValue(signal, series.End, series.Key, out _))
        {
            return null;
        }

        for (var step = 1; step <= horizon; step++)
        {
            var date = series.DateAt(series.Length - 1 + step);
            if (!future.TryGetValue(signal, date, series.Key, out _))
            {
                return date;
            }
        }

        return null;
    }
}
