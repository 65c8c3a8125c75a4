using MeioForecast.Core.Demand;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;

namespace MeioForecast.Pipeline.Tests.ServiceCheck;

/// <summary>
/// <see cref="DemandDraws.Replay"/> on a forecaster whose out-of-sample errors are AR(1) over the horizon: the
/// forecast is the exact marginal N(Mu, Sigma) at every origin, the actuals a stationary AR(1) path, so the backtest
/// PIT values are uniform but serially correlated, as a level miss that persists over a lead time makes them.
/// </summary>
public class ReplayDrawsTests
{
    private const double Mu = 50.0, Sigma = 10.0, Rho = 0.8, Target = 0.95;
    private const int LeadTime = 5, Horizon = 28, Origins = 40;
    private static readonly QuantileLevel[] Levels = Enumerable.Range(1, 199).Select(i => new QuantileLevel(i / 200.0)).ToArray();
    private static readonly DateOnly Start = new(2025, 1, 1);
    private static readonly SkuNode Key = new("A", "S1");

    /// <summary>A stationary Gaussian AR(1) path: marginal N(Mu, Sigma), lag-k correlation Rho^k (seeded).</summary>
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

    private static double[,] NormalQuantiles()
    {
        var q = new double[Horizon, Levels.Length];
        for (var t = 0; t < Horizon; t++)
        {
            for (var j = 0; j < Levels.Length; j++)
            {
                q[t, j] = Mu + (Sigma * StandardNormal.Quantile(Levels[j].Value));
            }
        }

        return q;
    }

    /// <summary>The backtest of a forecaster that always serves N(Mu, Sigma): Origins consecutive windows of the AR(1) path.</summary>
    private static ForecastOutcome[] Backtest()
    {
        var path = Ar1Path(Origins * Horizon, 2028);
        var q = NormalQuantiles();
        return [.. Enumerable.Range(0, Origins).Select(o => new ForecastOutcome(
            Key, o, PeriodKind.Day.Add(Start, o * Horizon), Levels, q, path.Skip(o * Horizon).Take(Horizon).ToArray(), double.NaN, 1.0))];
    }

    /// <summary>One store over a deterministic 5-day supply lane; today's forecast is the exact marginal N(Mu, Sigma).</summary>
    private static (NetworkPlan Plan, NodeDemand Demand, SeriesForecast[] Forecasts) Store()
    {
        var locations = new Dictionary<string, Location> { ["SUP"] = new("SUP", LocationType.Supplier, 1), ["S1"] = new("S1", LocationType.Store, 0) };
        Lane[] lanes = [new(null, "SUP", "S1", new LeadTime(LeadTime, 0))];
        SkuNodeParameters[] nodes = [new(Key, 1, 0.25, Target, 0, 0)];
        var history = new DemandSeries(Key, PeriodKind.Day, Start, Enumerable.Repeat(Mu, Origins * Horizon).ToArray());
        var input = new PlanningInput(new PlanningSettings(PeriodKind.Day, Horizon, Levels, 3), locations, lanes, nodes, [history], SignalTable.Empty);
        SeriesForecast[] forecasts = [new(Key, PeriodKind.Day.Add(history.End, 1), Levels, NormalQuantiles(), "test")];
        var plan = NetworkPlan.Build(input);
        return (plan, NodeDemand.Build(plan, forecasts), forecasts);
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
    public void Replayed_backtest_errors_meet_the_target_on_ar1_errors_where_independent_draws_miss_it()
    {
        var (plan, demand, forecasts) = Store();
        var calibrator = new ServiceCalibrator(new ServiceCheckOptions { Replications = 32, Periods = 1092 });
        var independent = calibrator.Calibrate(plan, demand, forecasts, new NetworkPlacement(), CancellationToken.None).Targets.Single();
        var replay = ErrorReplay.Build(Backtest(), ReplayPool.Sku, null);
        var replayed = calibrator.Calibrate(plan, demand, forecasts, new NetworkPlacement(), CancellationToken.None, replay).Targets.Single();

        // Independent draws see sd Sigma sqrt(5) where the AR(1) sum has 1.9 times that: about 81 % achieved.
        Assert.True(Achieved(independent.BaseStock) < Target - 0.05, $"independent: {Achieved(independent.BaseStock):P2}");
        Assert.InRange(Achieved(replayed.BaseStock), Target - 0.015, Target + 0.015);
    }

    [Fact]
    public void Same_backtest_gives_byte_identical_calibrated_levels()
    {
        // Common random numbers: two runs of the same input (replay paths built afresh) calibrate alike to the bit.
        var (plan, demand, forecasts) = Store();
        var calibrator = new ServiceCalibrator(new ServiceCheckOptions { Replications = 8, Periods = 364 });
        var first = calibrator.Calibrate(plan, demand, forecasts, new NetworkPlacement(), CancellationToken.None, ErrorReplay.Build(Backtest(), ReplayPool.Sku, null)).Targets.Single();
        var second = calibrator.Calibrate(plan, demand, forecasts, new NetworkPlacement(), CancellationToken.None, ErrorReplay.Build(Backtest(), ReplayPool.Sku, null)).Targets.Single();
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.CalibratedServiceLevel!.Value), BitConverter.DoubleToInt64Bits(second.CalibratedServiceLevel!.Value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.BaseStock), BitConverter.DoubleToInt64Bits(second.BaseStock));
    }

    [Fact]
    public void Pit_of_an_actual_is_the_forecast_cdf_and_a_zero_spans_the_atom()
    {
        // N(50, 10) at 199 levels: F(63) = Phi(1.3) = 0.9031995154 (Abramowitz & Stegun Table 26.1), to the rebuild's interpolation.
        var q = NormalQuantiles();
        var outcome = new ForecastOutcome(Key, 0, Start, Levels, q, [63.0, 0.0, double.NaN, .. Enumerable.Repeat(50.0, Horizon - 3)], double.NaN, 1.0);
        var (lower, upper) = ErrorReplay.Pit(outcome, 0);
        Assert.Equal(lower, upper);
        Assert.Equal(0.9031995154, upper, 1e-3);

        // A zero under a forecast with no mass near zero: the interval [0, F(0)], F(0) = Phi(-5) = 2.9e-7 limited to 0.005 / 10.
        var (zeroLower, zeroUpper) = ErrorReplay.Pit(outcome, 1);
        Assert.Equal(0.0, zeroLower);
        Assert.Equal(0.0005, zeroUpper, 1e-12);
        Assert.Equal((0.0, 1.0), ErrorReplay.Pit(outcome, 2));

        // Far beyond the outer level 0.995: limited to 1 - 0.005 / 10 (an extrapolated tail is not replayed as such).
        var spike = outcome with { Actuals = [500.0, .. Enumerable.Repeat(50.0, Horizon - 1)] };
        Assert.Equal((0.9995, 0.9995), ErrorReplay.Pit(spike, 0));

        // Positive demand under a forecast of no demand: above the outer level, up to the limit.
        double[,] none = { { 0.0, 0.0, 0.0 } };
        QuantileLevel[] outer = [new(0.05), new(0.5), new(0.95)];
        var dead = new ForecastOutcome(Key, 0, Start, outer, none, [2.0], double.NaN, 1.0);
        Assert.Equal(0.95, ErrorReplay.Pit(dead, 0).Lower, 1e-12);
        Assert.Equal(0.995, ErrorReplay.Pit(dead, 0).Upper, 1e-12);

        // Half of a forecast's mass at zero: a zero fits anywhere in [0, 0.5] (its mid-PIT is 0.25).
        double[,] half = { { 0.0, 0.0, 10.0 } };
        QuantileLevel[] three = [new(0.25), new(0.5), new(0.75)];
        var intermittent = new ForecastOutcome(Key, 0, Start, three, half, [0.0], double.NaN, 1.0);
        Assert.Equal(0.0, ErrorReplay.Pit(intermittent, 0).Lower);
        Assert.Equal(0.5, ErrorReplay.Pit(intermittent, 0).Upper, 1e-9);
    }
}
