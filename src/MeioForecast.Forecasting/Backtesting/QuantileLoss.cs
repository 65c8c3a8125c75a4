using MeioForecast.Core.Keys;

namespace MeioForecast.Forecasting.Backtesting;

/// <summary>Proper scoring of quantile forecasts.</summary>
public static class QuantileLoss
{
    /// <summary>
    /// Pinball (quantile, check) loss of quantile <paramref name="quantile"/> at level <paramref name="p"/> for outcome
    /// <paramref name="actual"/>: max(p d, (p - 1) d) with d = actual - quantile (Koenker &amp; Bassett 1978,
    /// Econometrica 46).
    /// </summary>
    public static double Pinball(double actual, double quantile, double p)
    {
        var d = actual - quantile;
        return Math.Max(p * d, (p - 1) * d);
    }

    /// <summary>
    /// CRPS approximated from quantiles: CRPS = 2 int_0^1 pinball_p(y, q_p) dp (Gneiting &amp; Raftery 2007, JASA 102,
    /// eq. 21 / Laio &amp; Tamea 2007), the integral taken with midpoint weights w_j = (p_{j+1} - p_{j-1}) / 2
    /// (p_0 = 0, p_{J+1} = 1) normalised to sum one; for equally spaced levels this is (2/J) sum_j pinball_j.
    /// </summary>
    public static double Crps(double actual, IReadOnlyList<double> quantiles, IReadOnlyList<QuantileLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(quantiles);
        ArgumentNullException.ThrowIfNull(levels);
        var sum = 0.0;
        var weights = 0.0;
        for (var j = 0; j < levels.Count; j++)
        {
            var lo = j == 0 ? 0.0 : levels[j - 1].Value;
            var hi = j == levels.Count - 1 ? 1.0 : levels[j + 1].Value;
            var w = (hi - lo) / 2;
            sum += w * Pinball(actual, quantiles[j], levels[j].Value);
            weights += w;
        }

        return 2 * sum / weights;
    }
}
