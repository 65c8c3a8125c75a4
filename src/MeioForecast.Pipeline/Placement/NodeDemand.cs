using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Forecasting;

namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// Demand per period over the horizon seen by every planned sku-node: its own forecast plus the demand of the nodes it
/// supplies, scaled by the lane's quantity per unit. A period's moments are those of the forecast's
/// <see cref="QuantileDistribution"/> (piecewise linear between the quantiles, GPD upper tail), the same distribution the
/// service check simulates, so a heavy upper tail widens the demand bound instead of being cut off at the top quantile. Moments add under the independence assumption
/// (means add; variances add, scaled by the square of the quantity per unit).
/// </summary>
public sealed class NodeDemand
{
    private readonly Dictionary<SkuNode, (double[] Mean, double[] Variance)> _moments;

    private NodeDemand(int horizon, Dictionary<SkuNode, (double[] Mean, double[] Variance)> moments)
    {
        Horizon = horizon;
        _moments = moments;
    }

    /// <summary>Number of forecast periods.</summary>
    public int Horizon { get; }

    /// <summary>Aggregates the forecasts of <paramref name="forecasts"/> over each sku's network of <paramref name="plan"/>.</summary>
    public static NodeDemand Build(NetworkPlan plan, IReadOnlyList<SeriesForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(forecasts);
        var horizon = plan.Settings.Horizon;
        var own = forecasts.ToDictionary(f => f.Key);
        var moments = new Dictionary<SkuNode, (double[], double[])>();
        foreach (var network in plan.Skus)
        {
            foreach (var location in network.CustomersFirst())
            {
                var key = network.Key(location);
                var mean = new double[horizon];
                var variance = new double[horizon];
                if (own.TryGetValue(key, out var forecast))
                {
                    for (var t = 0; t < horizon; t++)
                    {
                        var (m, v) = Moments(forecast.Levels, forecast.At(Math.Min(t, forecast.Horizon - 1)));
                        mean[t] = m;
                        variance[t] = v;
                    }
                }

                foreach (var lane in network.Outbound(location))
                {
                    var (childMean, childVariance) = moments[network.Key(lane.To)];
                    for (var t = 0; t < horizon; t++)
                    {
                        mean[t] += lane.QuantityPerUnit * childMean[t];
                        variance[t] += lane.QuantityPerUnit * lane.QuantityPerUnit * childVariance[t];
                    }
                }

                moments[key] = (mean, variance);
            }
        }

        return new NodeDemand(horizon, moments);
    }

    private static (double Mean, double Variance) Moments(IReadOnlyList<QuantileLevel> levels, double[] values)
    {
        if (values.Max() <= 0.0)
        {
            return (0.0, 0.0);
        }

        var distribution = new QuantileDistribution(levels, values);
        return (distribution.Mean, distribution.Variance);
    }

    /// <summary>Mean demand per period of <paramref name="node"/> over the horizon.</summary>
    public IReadOnlyList<double> Mean(SkuNode node) => _moments[node].Mean;

    /// <summary>Variance of demand per period of <paramref name="node"/> over the horizon.</summary>
    public IReadOnlyList<double> Variance(SkuNode node) => _moments[node].Variance;
}
