using MeioForecast.Docs.Examples;

namespace MeioForecast.LightGbm.Tests;

/// <summary>
/// y = 10 p + 5 m + (1 + 2 p) e with p ~ U(0,1), m ~ Bernoulli(0.3), e ~ N(0,1): the conditional alpha-quantile is
/// 10 p + 5 m + (1 + 2 p) z_alpha in closed form (z_alpha the standard normal quantile).
/// </summary>
internal static class KnownDistribution
{
    /// <summary>z_0.9 = Phi^-1(0.9) (Abramowitz &amp; Stegun 26.2, to 16 digits).</summary>
    public const double Z90 = 1.2815515655446004;

    public static LightGbmQuantileExample.Row[] Rows(int n, int seed)
    {
        var random = new Random(seed);
        var rows = new LightGbmQuantileExample.Row[n];
        for (var i = 0; i < n; i++)
        {
            var p = random.NextDouble();
            var m = random.NextDouble() < 0.3 ? 1.0 : 0.0;
            var e = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            rows[i] = new LightGbmQuantileExample.Row { Price = (float)p, Promo = (float)m, Label = (float)((10 * p) + (5 * m) + ((1 + (2 * p)) * e)) };
        }

        return rows;
    }

    public static double TrueQuantile(LightGbmQuantileExample.Row row, double z) => (10.0 * row.Price) + (5.0 * row.Promo) + ((1 + (2.0 * row.Price)) * z);
}
