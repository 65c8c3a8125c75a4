using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Forecasting;

namespace MeioForecast.Pipeline.Tests.Builders;

/// <summary>The forecasts that placement, calibration and explanation tests plan on: a known distribution in every period.</summary>
internal static class Forecasts
{
    /// <summary>The first forecast period of every built forecast.</summary>
    public static readonly DateOnly Start = new(2026, 1, 1);

    /// <summary>The levels 1/n, 2/n, ..., (n-1)/n.</summary>
    public static QuantileLevel[] Grid(int n) => [.. Enumerable.Range(1, n - 1).Select(i => new QuantileLevel(i / (double)n))];

    /// <summary>The quantiles of <paramref name="quantile"/> at <paramref name="levels"/>, the same in every period of the horizon.</summary>
    public static SeriesForecast Constant(SkuNode node, QuantileLevel[] levels, int horizon, Func<double, double> quantile)
    {
        var q = new double[horizon, levels.Length];
        for (var t = 0; t < horizon; t++)
        {
            for (var j = 0; j < levels.Length; j++)
            {
                q[t, j] = quantile(levels[j].Value);
            }
        }

        return new SeriesForecast(node, Start, levels, q, "test");
    }

    /// <summary>N(mu, sigma^2) demand in every period.</summary>
    public static SeriesForecast Normal(SkuNode node, QuantileLevel[] levels, int horizon, double mu, double sigma) =>
        Constant(node, levels, horizon, p => mu + (sigma * StandardNormal.Quantile(p)));
}
