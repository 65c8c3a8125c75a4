using MeioForecast.Core.Distributions;
using MeioForecast.Core.LeadTimeDemand;
using MeioForecast.Core.Network;

namespace MeioForecast.Core.Tests.LeadTimeDemand;

public class HorizonWindowDemandTests
{
    [Theory]
    [InlineData(20.0, 5.0, 3, 0.95)]
    [InlineData(3.5, 2.0, 7, 0.9648)]
    [InlineData(140.0, 31.0, 1, 0.80)]
    public void Normal_periods_give_mean_plus_z_sd_to_machine_precision(double mu, double sigma, int tau, double p)
    {
        // Closed form: the sum of tau i.i.d. Normal(mu, sigma) periods is Normal(tau mu, sigma sqrt(tau)), so its
        // p-quantile is tau mu + Phi^-1(p) sigma sqrt(tau) (the z x sd bound), whatever window start is drawn.
        var model = new HorizonWindowDemand([.. Enumerable.Repeat(new NormalDistribution(mu, sigma), 7)], tau);
        var exposure = model.Exposure([new LeadTimeOutcome(tau, 1.0)]);
        var expected = (tau * mu) + (StandardNormal.Quantile(p) * sigma * Math.Sqrt(tau));
        Assert.Equal(0.0, exposure.Quantile(p) - expected, 1e-9);
    }

    [Fact]
    public void Varying_normal_periods_mix_the_window_starts()
    {
        // Two periods N(10, 2) and N(30, 4), one-period windows: the mixture 0.5 N(10, 2) + 0.5 N(30, 4); its cdf at 14 is
        // 0.5 Phi(2) + 0.5 Phi(-4) (closed form).
        var model = new HorizonWindowDemand([new NormalDistribution(10, 2), new NormalDistribution(30, 4)], 1);
        var expected = (0.5 * StandardNormal.Cdf(2.0)) + (0.5 * StandardNormal.Cdf(-4.0));
        Assert.Equal(expected, model.Over(1).Cdf(14.0), 1e-12);
        Assert.Equal(40.0, model.Over(2).Mean, 1e-12);
    }

    [Theory]
    [InlineData(0.95)]
    [InlineData(0.80)]
    public void Negative_binomial_periods_with_a_random_lead_time_match_a_seeded_monte_carlo(double p)
    {
        // A weekly profile of negative-binomial days, lead time 3 + {-1, 0, +2} w.p. (.3, .5, .2) (E[L] = 2.9 -> the window
        // covers tau + L - E[L] periods, split between whole periods): the bound's p-quantile q must leave a fraction p of
        // simulated lead-time demands at or below it, within 3 binomial standard errors (200,000 draws, seed 28).
        var periods = new DemandDistribution[] { Nb(4, 5), Nb(6, 20), Nb(8, 30), Nb(5, 9), Nb(12, 60), Nb(20, 90), Nb(2, 4) };
        LeadTimeOutcome[] lead = [new(2, 0.3), new(3, 0.5), new(5, 0.2)];
        const int tau = 4;
        var model = new HorizonWindowDemand(periods, 8);
        var counts = RandomPeriodDemand.PeriodCounts(lead, (double)tau);
        var q = model.Exposure(counts).Quantile(p);

        var random = new Random(28);
        const int draws = 200_000;
        var below = 0;
        for (var i = 0; i < draws; i++)
        {
            var start = random.Next(periods.Length);
            var u = random.NextDouble();
            var n = 0;
            var cumulative = 0.0;
            foreach (var c in counts)
            {
                cumulative += c.Probability;
                n = (int)c.Periods;
                if (u < cumulative)
                {
                    break;
                }
            }

            var sum = 0.0;
            for (var t = 0; t < n; t++)
            {
                sum += periods[(start + t) % periods.Length].Quantile(Math.Max(1e-12, random.NextDouble()));
            }

            below += sum <= q ? 1 : 0;
        }

        var fraction = below / (double)draws;
        var se = Math.Sqrt(p * (1 - p) / draws);

        // A lattice quantile is the smallest k with F(k) >= p: F(q) >= p and F(q - 1) < p.
        var exposure = model.Exposure(counts);
        Assert.True(exposure.Cdf(q) >= p && exposure.Cdf(q - 1) < p);
        Assert.InRange(fraction, exposure.Cdf(q - 1) - (3 * se), exposure.Cdf(q) + (3 * se));
    }

    private static NegativeBinomialDistribution Nb(double mean, double variance) => NegativeBinomialDistribution.FromMoments(mean, variance);
}
