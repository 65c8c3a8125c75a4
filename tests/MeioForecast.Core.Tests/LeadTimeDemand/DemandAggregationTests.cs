using MeioForecast.Core.Distributions;
using MeioForecast.Core.LeadTimeDemand;

namespace MeioForecast.Core.Tests.LeadTimeDemand;

public class DemandAggregationTests
{
    [Fact]
    public void Independent_poisson_children_pool_into_a_poisson_with_summed_rate()
    {
        var upstream = DemandAggregation.SumPerPeriod(
        [
            new DownstreamDemand([new PoissonDistribution(3.0)]),
            new DownstreamDemand([new PoissonDistribution(5.0), new PoissonDistribution(6.0)]),
        ]);

        // Period 2 pads child 1 with its last period: Poisson(3 + 6).
        Assert.Equal(2, upstream.Count);
        foreach (var p in new[] { 0.05, 0.5, 0.95, 0.999 })
        {
            Assert.Equal(new PoissonDistribution(8.0).Quantile(p), upstream[0].Quantile(p));
            Assert.Equal(new PoissonDistribution(9.0).Quantile(p), upstream[1].Quantile(p));
        }
    }

    [Fact]
    public void Quantity_per_unit_scales_a_child_and_matches_brute_force_enumeration()
    {
        // Upstream demand 2X + Y, X ~ Poisson(3), Y ~ Poisson(5): P(2X + Y <= x) by direct double sum over the pmfs.
        var upstream = DemandAggregation.SumPerPeriod(
        [
            new DownstreamDemand([new PoissonDistribution(3.0)], QuantityPerUnit: 2.0),
            new DownstreamDemand([new PoissonDistribution(5.0)]),
        ])[0];

        static double Pmf(double rate, int k) => Math.Exp(-rate + k * Math.Log(rate) - SpecialFunctions.LogGamma(k + 1.0));
        foreach (var x in new[] { 0, 3, 8, 11, 17, 25 })
        {
            var brute = 0.0;
            for (var i = 0; 2 * i <= x; i++)
            {
                for (var j = 0; 2 * i + j <= x; j++)
                {
                    brute += Pmf(3.0, i) * Pmf(5.0, j);
                }
            }

            Assert.Equal(brute, upstream.Cdf(x), 1e-10);
        }

        Assert.Equal(11.0, upstream.Mean, 1e-9);
        // Tails beyond 1e-10 are lumped into the grid's end points: moments agree to about 1e-8 relative.
        Assert.Equal(4.0 * 3.0 + 5.0, upstream.Variance, 1e-6);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Normal_pooling_uses_the_correlated_variance(double rho)
    {
        var upstream = DemandAggregation.SumPerPeriodNormal(
        [
            new DownstreamDemand([new NormalDistribution(100.0, 30.0)]),
            new DownstreamDemand([new NormalDistribution(50.0, 10.0)], QuantityPerUnit: 3.0),
        ], rho)[0];

        // Var(A + 3B) = 30^2 + 9 * 10^2 + 2 rho * 30 * 30.
        Assert.Equal(250.0, upstream.Mean, 1e-12);
        Assert.Equal(900.0 + 900.0 + 2.0 * rho * 900.0, upstream.Variance, 1e-9);
    }

    [Fact]
    public void Correlated_grid_pooling_is_stretched_to_the_correlated_variance()
    {
        var upstream = DemandAggregation.SumPerPeriod(
        [
            new DownstreamDemand([new PoissonDistribution(40.0)]),
            new DownstreamDemand([new PoissonDistribution(10.0)]),
        ], correlation: 0.5)[0];

        // 40 + 10 + 2 * 0.5 * sqrt(40 * 10) = 70.
        Assert.Equal(70.0, upstream.Variance, 1e-6);
        Assert.Equal(50.0, upstream.Mean, 1e-9);
    }

    [Fact]
    public void Upstream_lead_time_demand_from_pooled_children_equals_the_summed_closed_form()
    {
        var children = DemandAggregation.SumPerPeriod(
        [
            new DownstreamDemand(Enumerable.Repeat<DemandDistribution>(new PoissonDistribution(7.0), 10).ToArray()),
            new DownstreamDemand(Enumerable.Repeat<DemandDistribution>(new PoissonDistribution(13.0), 10).ToArray()),
        ]);
        var model = new ConvolvedLeadTimeDemand(children);
        for (var tau = 1; tau <= 10; tau++)
        {
            Assert.Equal(new PoissonDistribution(20.0 * tau).Quantile(0.95), model.Over(tau).Quantile(0.95));
        }
    }
}
