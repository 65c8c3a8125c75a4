using MeioForecast.Core.Keys;

namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// Mean and variance of a period's demand from its forecast quantiles: the quantile function is taken piecewise linear
/// between the given levels and flat beyond the outermost ones, so E[D] = integral of Q(p) dp and
/// E[D^2] = integral of Q(p)^2 dp are exact sums over the pieces.
/// </summary>
internal static class QuantileMoments
{
    public static (double Mean, double Variance) Of(IReadOnlyList<QuantileLevel> levels, IReadOnlyList<double> values)
    {
        var k = levels.Count;
        var first = levels[0].Value;
        var last = levels[k - 1].Value;
        var m1 = first * values[0] + (1 - last) * values[k - 1];
        var m2 = first * values[0] * values[0] + (1 - last) * values[k - 1] * values[k - 1];
        for (var i = 0; i + 1 < k; i++)
        {
            var dp = levels[i + 1].Value - levels[i].Value;
            double a = values[i], b = values[i + 1];
            m1 += dp * (a + b) / 2;
            m2 += dp * (a * a + a * b + b * b) / 3;
        }

        return (m1, Math.Max(0.0, m2 - m1 * m1));
    }
}
