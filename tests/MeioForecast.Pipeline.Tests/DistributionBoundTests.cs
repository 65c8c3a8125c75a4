using MeioForecast.Core.Demand;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Placement;
using Xunit.Abstractions;

namespace MeioForecast.Pipeline.Tests;

public class DistributionBoundTests(ITestOutputHelper output)
{
    private static readonly QuantileLevel[] Levels = Enumerable.Range(1, 99).Select(i => new QuantileLevel(i / 100.0)).ToArray();

    private static SeriesForecast Forecast(SkuNode node, Func<double, double> quantile, int horizon)
    {
        var q = new double[horizon, Levels.Length];
        for (var t = 0; t < horizon; t++)
        {
            for (var j = 0; j < Levels.Length; j++)
            {
                q[t, j] = quantile(Levels[j].Value);
            }
        }

        return new SeriesForecast(node, new DateOnly(2026, 1, 1), Levels, q, "test");
    }

    private static (NetworkPlan Plan, SeriesForecast[] Forecasts) Store(double leadTime, double leadTimeSd, Func<double, double> quantile, IReadOnlyList<LeadTimeOutcome>? distribution = null)
    {
        var locations = new Dictionary<string, Location> { ["SUP"] = new("SUP", LocationType.Supplier, 1), ["S1"] = new("S1", LocationType.Store, 0) };
        Lane[] lanes = [new(null, "SUP", "S1", new LeadTime(leadTime, leadTimeSd, distribution))];
        SkuNodeParameters[] nodes = [new(new SkuNode("A", "S1"), 1, 0.25, 0.95, null, 0)];
        var input = new PlanningInput(new PlanningSettings(PeriodKind.Day, 14, Levels, 1), locations, lanes, nodes, [], SignalTable.Empty);
        return (NetworkPlan.Build(input), [Forecast(new SkuNode("A", "S1"), quantile, 14)]);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(5.0)]
    [InlineData(2.5)]
    public void Near_normal_quantile_forecasts_give_about_the_normal_bound(double leadTime)
    {
        // Forecasts at 99 normal quantiles (N(40, 8)) are a normal up to the piecewise-linear interpolation and the
        // tails: with a fixed lead time the distribution bound's safety stock must agree with z x sd within 0.5 units
        // (of about 23-30). A random lead time is not compared: the compound model is not the mu^2 sigma_L^2 term.
        var (plan, forecasts) = Store(leadTime, 0.0, p => 40 + (8 * StandardNormal.Quantile(p)));
        var normal = new NetworkPlacement().Place(plan, NodeDemand.Build(plan, forecasts), CancellationToken.None).Single();
        var distribution = new NetworkPlacement().Place(plan, NodeDemand.Build(plan, forecasts, DemandBoundKind.Distribution), CancellationToken.None).Single();
        output.WriteLine($"normal {normal.SafetyStock} {normal.BaseStock}, distribution {distribution.SafetyStock} {distribution.BaseStock}");
        Assert.Equal(normal.SafetyStock, distribution.SafetyStock, 0.5);
    }

    [Theory]
    [InlineData(0.95)]
    [InlineData(0.80)]
    public void Lognormal_forecasts_with_a_random_lead_time_give_the_service_quantile_of_lead_time_demand(double p)
    {
        // Forecast quantiles of a lognormal (log-mean 3, log-sd 0.6) at 99 levels, lead time 2, 3 or 4 periods w.p.
        // .25/.5/.25 (lead_time_distribution): the base stock must leave a fraction p of simulated lead-time demands at or
        // below it (sum of L draws from the forecast distribution, L drawn first), within 3 binomial standard errors of
        // p (200,000 draws, seed 1028).
        LeadTimeOutcome[] lead = [new(2, 0.25), new(3, 0.5), new(4, 0.25)];
        var (plan, forecasts) = Store(3.0, Math.Sqrt(0.5), u => Math.Exp(3 + (0.6 * StandardNormal.Quantile(u))), lead);
        var stage = plan.Skus[0].Stages[0];
        var demand = NodeDemand.Build(plan, forecasts, DemandBoundKind.Distribution);
        var bound = demand.Bound(stage, p);
        var baseStock = bound.ExpectedDemand(3) + bound.Safety(3);
        var period = new QuantileDistribution(Levels, forecasts[0].At(0));
        var random = new Random(1028);
        const int draws = 200_000;
        var below = 0;
        for (var i = 0; i < draws; i++)
        {
            var u = random.NextDouble();
            var n = u < 0.25 ? 2 : u < 0.75 ? 3 : 4;
            var sum = 0.0;
            for (var t = 0; t < n; t++)
            {
                sum += period.Quantile(Math.Clamp(random.NextDouble(), 1e-12, 1 - 1e-12));
            }

            below += sum <= baseStock ? 1 : 0;
        }

        var se = Math.Sqrt(p * (1 - p) / draws);
        output.WriteLine($"p {p}: base stock {baseStock}, fraction below {below / (double)draws}, s.e. {se}");
        Assert.InRange(below / (double)draws, p - (3 * se), p + (3 * se));
    }
}
