using MeioForecast.Core.Demand;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;

namespace MeioForecast.Pipeline.Tests;

public class ReplayCalibrationTests
{
    private const double Mu = 50.0, Sigma = 10.0, Rho = 0.8, Target = 0.95;
    private const int LeadTime = 5, Horizon = 28, Horizons = 16;
    private static readonly QuantileLevel[] Levels = Enumerable.Range(1, 199).Select(i => new QuantileLevel(i / 200.0)).ToArray();
    private static readonly DateOnly Start = new(2025, 1, 1);

    /// <summary>A stationary Gaussian AR(1) demand path: marginal N(Mu, Sigma), lag-k correlation Rho^k (seeded).</summary>
    private static double[] Ar1Path(int length, int seed)
    {
        var random = new Random(seed);
        var path = new double[length];
        var e = Sigma * Normal(random);
        for (var t = 0; t < length; t++)
        {
            path[t] = Mu + e;
            e = (Rho * e) + (Sigma * Math.Sqrt(1 - (Rho * Rho)) * Normal(random));
        }

        return path;

        static double Normal(Random r) => StandardNormal.Quantile(Math.Clamp(r.NextDouble(), 1e-12, 1 - 1e-12));
    }

    /// <summary>One store over a deterministic 5-day supply lane; a forecast that is the exact marginal N(Mu, Sigma).</summary>
    private static (NetworkPlan Plan, NodeDemand Demand, SeriesForecast[] Forecasts, DemandSeries History) Store()
    {
        var key = new SkuNode("A", "S1");
        var locations = new Dictionary<string, Location> { ["SUP"] = new("SUP", LocationType.Supplier, 1), ["S1"] = new("S1", LocationType.Store, 0) };
        Lane[] lanes = [new(null, "SUP", "S1", new LeadTime(LeadTime, 0))];
        SkuNodeParameters[] nodes = [new(key, 1, 0.25, Target, 0, 0)];
        var history = new DemandSeries(key, PeriodKind.Day, Start, Ar1Path(Horizon * Horizons, 2028));
        var input = new PlanningInput(new PlanningSettings(PeriodKind.Day, Horizon, Levels, 3), locations, lanes, nodes, [history], SignalTable.Empty);
        var q = new double[Horizon, Levels.Length];
        for (var t = 0; t < Horizon; t++)
        {
            for (var j = 0; j < Levels.Length; j++)
            {
                q[t, j] = Mu + (Sigma * StandardNormal.Quantile(Levels[j].Value));
            }
        }

        SeriesForecast[] forecasts = [new(key, PeriodKind.Day.Add(history.End, 1), Levels, q, "test")];
        var plan = NetworkPlan.Build(input);
        return (plan, NodeDemand.Build(plan, forecasts), forecasts, history);
    }

    /// <summary>
    /// Closed form of the cycle service of base stock B on AR(1) demand: with S = SI = 0 and lead time L the net
    /// inventory at the end of a period is B minus the demand of the last L periods (see HoldoutReplayTests), a normal
    /// with mean L Mu and variance Sigma^2 [L + 2 sum_(k=1..L-1) (L - k) Rho^k] (Box &amp; Jenkins: sums of an AR(1)).
    /// </summary>
    private static double Achieved(double baseStock)
    {
        var variance = (double)LeadTime;
        for (var k = 1; k < LeadTime; k++)
        {
            variance += 2 * (LeadTime - k) * Math.Pow(Rho, k);
        }

        return StandardNormal.Cdf((baseStock - (LeadTime * Mu)) / (Sigma * Math.Sqrt(variance)));
    }

    [Fact]
    public void Replayed_error_paths_meet_the_target_on_ar1_demand_where_independent_draws_miss_it()
    {
        var (plan, demand, forecasts, history) = Store();
        var options = new ServiceCheckOptions { Replications = 32, Periods = 1092, ErrorHistoryHorizons = Horizons };
        var calibrator = new ServiceCalibrator(options);
        var independent = calibrator.Calibrate(plan, demand, forecasts, new NetworkPlacement(), CancellationToken.None).Targets.Single();
        var paths = ErrorPaths.Build([history], forecasts, Horizons, null);
        var replayed = calibrator.Calibrate(plan, demand, forecasts, new NetworkPlacement(), CancellationToken.None, paths).Targets.Single();

        // Independent draws see sd Sigma sqrt(5) where the AR(1) sum has 1.9 times that: about 81 % achieved.
        Assert.True(Achieved(independent.BaseStock) < Target - 0.05, $"independent: {Achieved(independent.BaseStock):P2}");
        Assert.InRange(Achieved(replayed.BaseStock), Target - 0.015, Target + 0.015);

        // Common random numbers: the same input calibrates to the same level and base stock.
        var again = calibrator.Calibrate(plan, demand, forecasts, new NetworkPlacement(), CancellationToken.None, ErrorPaths.Build([history], forecasts, Horizons, null)).Targets.Single();
        Assert.Equal(replayed.BaseStock, again.BaseStock);
        Assert.Equal(replayed.CalibratedServiceLevel, again.CalibratedServiceLevel);
    }
}
