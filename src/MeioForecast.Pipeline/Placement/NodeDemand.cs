using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.LeadTimeDemand;
using MeioForecast.Forecasting;

namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// Demand per period over the horizon seen by every planned sku-node: its own forecast plus the demand of the nodes it
/// supplies, scaled by the lane's quantity per unit. A period's distribution is the forecast's
/// <see cref="QuantileDistribution"/> (piecewise linear between the quantiles, GPD upper tail), the same distribution the
/// service check simulates, so a heavy upper tail widens the demand bound instead of being cut off at the top quantile.
/// Nodes' demands are independent: means and variances add (variances scaled by the square of the quantity per unit),
/// and with <see cref="DemandBoundKind.Distribution"/> the per-period distributions of a supplying node are the exact
/// convolution of its customers' (<see cref="DemandAggregation"/>), built lazily, once per run, for the nodes placed.
/// </summary>
public sealed class NodeDemand
{
    /// <summary>Grid of the distribution bound: 1,024 points over the longest lead-time demand (step about 1/64 sd).</summary>
    private static readonly LeadTimeDemandOptions Grid = new() { GridPoints = 1024 };

    private readonly Dictionary<SkuNode, (double[] Mean, double[] Variance)> _moments;
    private readonly Dictionary<SkuNode, Lazy<IReadOnlyList<DemandDistribution>>> _periods = [];
    private readonly Dictionary<SkuNode, Lazy<LeadTimeExposure>> _exposures = [];

    private NodeDemand(int horizon, DemandBoundKind kind, Dictionary<SkuNode, (double[] Mean, double[] Variance)> moments)
    {
        Horizon = horizon;
        BoundKind = kind;
        _moments = moments;
    }

    /// <summary>Number of forecast periods.</summary>
    public int Horizon { get; }

    /// <summary>The demand bound the placements build from this demand.</summary>
    public DemandBoundKind BoundKind { get; }

    /// <summary>Aggregates the forecasts of <paramref name="forecasts"/> over each sku's network of <paramref name="plan"/>.</summary>
    public static NodeDemand Build(NetworkPlan plan, IReadOnlyList<SeriesForecast> forecasts, DemandBoundKind kind = DemandBoundKind.Normal)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(forecasts);
        var horizon = plan.Settings.Horizon;
        var own = forecasts.ToDictionary(f => f.Key);
        var moments = new Dictionary<SkuNode, (double[], double[])>();
        var result = new NodeDemand(horizon, kind, moments);
        foreach (var network in plan.Skus)
        {
            foreach (var location in network.CustomersFirst())
            {
                var key = network.Key(location);
                var mean = new double[horizon];
                var variance = new double[horizon];
                DemandDistribution[]? periods = null;
                if (own.TryGetValue(key, out var forecast))
                {
                    periods = new DemandDistribution[horizon];
                    for (var t = 0; t < horizon; t++)
                    {
                        var period = Period(forecast.Levels, forecast.At(Math.Min(t, forecast.Horizon - 1)));
                        periods[t] = period;
                        (mean[t], variance[t]) = period is QuantileDistribution q ? (q.Mean, q.Variance) : (0.0, 0.0);
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
                if (kind == DemandBoundKind.Distribution)
                {
                    result.AddDistributions(network, network.Stage(location), periods);
                }
            }
        }

        return result;
    }

    /// <summary>Mean demand per period of <paramref name="node"/> over the horizon.</summary>
    public IReadOnlyList<double> Mean(SkuNode node) => _moments[node].Mean;

    /// <summary>Variance of demand per period of <paramref name="node"/> over the horizon.</summary>
    public IReadOnlyList<double> Variance(SkuNode node) => _moments[node].Variance;

    /// <summary>
    /// The demand bound of <paramref name="stage"/> at service level <paramref name="serviceLevel"/>, of <see cref="BoundKind"/>;
    /// the normal bound covers <paramref name="coveredLeadTimeSd"/> (default: the stage's own lane's sd), and none of it
    /// at a net replenishment time of 0 unless <paramref name="latenessAtZero"/> (see <see cref="NetworkPlacement"/> for
    /// lateness passed on); the distribution bound always covers its own lane's.
    /// </summary>
    public PlacementBound Bound(StagePlan stage, double serviceLevel, double? coveredLeadTimeSd = null, bool latenessAtZero = false)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var (mean, variance) = _moments[stage.Key];
        return BoundKind == DemandBoundKind.Distribution
            ? new DistributionLeadTimeBound(_exposures[stage.Key].Value, mean.Length > 0 ? mean.Average() : 0.0, stage.Offset, serviceLevel)
            : new LeadTimeDemandBound(mean, variance, stage.Offset, coveredLeadTimeSd ?? stage.LeadTimeSd, StandardNormal.Quantile(serviceLevel), latenessAtZero);
    }

    /// <summary>One forecast period: the quantile distribution, or a point mass at 0 for a forecast of no demand at all.</summary>
    private static DemandDistribution Period(IReadOnlyList<QuantileLevel> levels, double[] values) =>
        values.Max() <= 0.0 ? DiscreteDistribution.PointMass(0.0) : new QuantileDistribution(levels, values);

    private void AddDistributions(SkuNetwork network, StagePlan stage, DemandDistribution[]? own)
    {
        var children = network.Outbound(stage.Key.Location).Select(l => (Key: network.Key(l.To), l.QuantityPerUnit)).ToArray();
        _periods[stage.Key] = new Lazy<IReadOnlyList<DemandDistribution>>(() =>
        {
            var parts = new List<DownstreamDemand>();
            if (own is not null)
            {
                parts.Add(new DownstreamDemand(own));
            }

            parts.AddRange(children.Select(c => new DownstreamDemand(_periods[c.Key].Value, c.QuantityPerUnit)));
            return parts.Count switch
            {
                0 => [.. Enumerable.Repeat(DiscreteDistribution.PointMass(0.0), Horizon)],
                1 when parts[0].QuantityPerUnit == 1.0 => parts[0].Periods,
                _ => DemandAggregation.SumPerPeriod(parts, 0.0, Grid),
            };
        });
        var longest = LongestExposure(network, stage);
        _exposures[stage.Key] = new Lazy<LeadTimeExposure>(() => new LeadTimeExposure(new HorizonWindowDemand(_periods[stage.Key].Value, longest, Grid), stage));
    }

    /// <summary>The most periods the node's buffer may cover: its whole stage time plus the longest upstream chain's, plus its lead time's spread.</summary>
    private static int LongestExposure(SkuNetwork network, StagePlan stage)
    {
        var spread = stage.Supply is { } lane ? RandomPeriodDemand.LeadTimeOutcomes(lane.LeadTime).Max(o => o.Periods) - lane.LeadTime.Mean : 0.0;
        return Math.Max(1, Chain(stage) + (int)Math.Ceiling(Math.Max(0.0, spread)) + 1);

        int Chain(StagePlan s) => Math.Max(0, s.WholeStageTime) + s.InternalInbound.Select(l => Chain(network.Stage(l.From))).DefaultIfEmpty(0).Max();
    }
}
