namespace MeioForecast.Forecasting.Backtesting;

/// <summary>
/// Scale and weight of the M5 competition's scaled pinball loss (Makridakis, Spiliotis &amp; Assimakopoulos 2022,
/// "M5 accuracy competition: results, findings, and conclusions", IJF 38(4); M5 Competitors' Guide 2020).
/// </summary>
public static class M5Scale
{
    /// <summary>
    /// The scale of one series: mean |y_t - y_{t-1}| over the in-sample history from its first non-zero value.
    /// NaN marks an unobserved period: it is skipped and the difference is taken between consecutive observed values
    /// (the shared evaluation protocol's convention). NaN when fewer than two values remain.
    /// </summary>
    public static double Of(IReadOnlyList<double> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var started = false;
        var previous = double.NaN;
        var sum = 0.0;
        var count = 0;
        foreach (var y in history)
        {
            if (double.IsNaN(y))
            {
                continue;
            }

            started |= y != 0.0;
            if (!started)
            {
                continue;
            }

            if (!double.IsNaN(previous))
            {
                sum += Math.Abs(y - previous);
                count++;
            }

            previous = y;
        }

        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>
    /// The weight of one series: sum of |y| over its last <paramref name="periods"/> observed in-sample values (M5 uses
    /// the dollar sales of the last 28 days; multiply by a price outside when one is known).
    /// </summary>
    public static double Weight(IReadOnlyList<double> history, int periods)
    {
        ArgumentNullException.ThrowIfNull(history);
        var sum = 0.0;
        var taken = 0;
        for (var i = history.Count - 1; i >= 0 && taken < periods; i--)
        {
            if (!double.IsNaN(history[i]))
            {
                sum += Math.Abs(history[i]);
                taken++;
            }
        }

        return sum;
    }
}
