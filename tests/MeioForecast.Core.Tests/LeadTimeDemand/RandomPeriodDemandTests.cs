using MeioForecast.Core.Distributions;
using MeioForecast.Core.LeadTimeDemand;
using MeioForecast.Core.Network;

namespace MeioForecast.Core.Tests.LeadTimeDemand;

public class RandomPeriodDemandTests
{
    [Fact]
    public void Poisson_demand_over_a_geometric_number_of_periods_matches_the_closed_form()
    {
        // P(N = n) = (1 - q) q^n, Poisson(lambda) per period: the pgf is G(z) = (1 - q) / (1 - q e^(lambda (z - 1))), so
        // P(D = 0) = G(0), P(D = 1) = G'(0), E[D] = lambda q/(1-q), Var[D] = lambda q/(1-q) + lambda^2 q/(1-q)^2.
        const double lambda = 2.0, q = 0.5;
        var counts = Enumerable.Range(0, 61).Select(n => new LeadTimeOutcome(n, (1 - q) * Math.Pow(q, n))).ToArray();
        var model = new ConvolvedLeadTimeDemand([new PoissonDistribution(lambda)], maxTau: 60);
        var d = RandomPeriodDemand.Compound(model, counts);

        var e = Math.Exp(-lambda);
        var p0 = (1 - q) / (1 - q * e);
        var p1 = (1 - q) * q * lambda * e / ((1 - q * e) * (1 - q * e));
        Assert.Equal(p0, d.Cdf(0), 1e-12);
        Assert.Equal(p0 + p1, d.Cdf(1), 1e-12);
        Assert.Equal(lambda * q / (1 - q), d.Mean, 1e-9);
        Assert.Equal(lambda * q / (1 - q) + lambda * lambda * q / ((1 - q) * (1 - q)), d.Variance, 1e-8);

        // The whole cdf against the series sum_n P(N = n) P(Poisson(n lambda) <= x) (mpmath 1.3.0, 30 digits).
        Assert.Equal(0.87906330118391483, d.Cdf(5), 1e-12);
        Assert.Equal(0.97970532296023838, d.Cdf(11), 1e-12);
    }

    [Fact]
    public void Compound_demand_matches_a_seeded_monte_carlo_within_sampling_error()
    {
        // N in {1, 4, 8} with P = .3, .5, .2; Poisson(4) per period. 200,000 draws, seed 20261122; tolerance: 5 binomial
        // standard errors sqrt(F (1 - F) / n) per cdf point (a 5-sigma band: false alarm ~ 6e-7 per point).
        LeadTimeOutcome[] counts = [new(1, 0.3), new(4, 0.5), new(8, 0.2)];
        var model = new ConvolvedLeadTimeDemand([new PoissonDistribution(4.0)], maxTau: 8);
        var d = RandomPeriodDemand.Compound(model, counts);

        const int n = 200_000;
        var random = new Random(20261122);
        var samples = new int[n];
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble();
            var periods = u < 0.3 ? 1 : u < 0.8 ? 4 : 8;
            samples[i] = Poisson(random, 4.0 * periods);
        }

        foreach (var x in new[] { 2, 5, 10, 16, 22, 30, 40 })
        {
            var empirical = samples.Count(s => s <= x) / (double)n;
            var f = d.Cdf(x);
            Assert.InRange(empirical - f, -5 * Math.Sqrt(f * (1 - f) / n) - 1e-12, 5 * Math.Sqrt(f * (1 - f) / n) + 1e-12);
        }

        var mean = samples.Average();
        Assert.InRange(mean - d.Mean, -5 * d.StandardDeviation / Math.Sqrt(n), 5 * d.StandardDeviation / Math.Sqrt(n));
    }

    [Fact]
    public void Normal_model_compound_uses_a_mixture_with_exact_moments()
    {
        // Mixture of N(10 n, 4 n) over n in {2, 6}: E = 10 E[N], Var = 4 E[N] + 100 Var[N] (Hadley & Whitin 1963).
        var model = new NormalLeadTimeDemand([new NormalDistribution(10.0, 2.0)]);
        var d = RandomPeriodDemand.Compound(model, [new LeadTimeOutcome(2, 0.5), new LeadTimeOutcome(6, 0.5)]);
        Assert.Equal(40.0, d.Mean, 1e-12);
        Assert.Equal(4.0 * 4.0 + 100.0 * 4.0, d.Variance, 1e-9);
        var median = d.Quantile(0.5);
        Assert.Equal(0.5, 0.5 * StandardNormal.Cdf((median - 20) / Math.Sqrt(8)) + 0.5 * StandardNormal.Cdf((median - 60) / Math.Sqrt(24)), 1e-12);
    }

    [Fact]
    public void Period_counts_shift_the_lead_time_by_tau_minus_its_mean_and_split_fractions()
    {
        // L in {2, 5, 9} w.p. .3/.5/.2, E[L] = 4.9; tau = 3 gives N in {0.1, 3.1, 7.1}, each split 0.9 / 0.1.
        var leadTime = new LeadTime(4.9, 2.3, [new LeadTimeOutcome(2, 0.3), new LeadTimeOutcome(5, 0.5), new LeadTimeOutcome(9, 0.2)]);
        var counts = RandomPeriodDemand.PeriodCounts(leadTime, 3);
        double[] expectedPeriods = [0, 1, 3, 4, 7, 8];
        double[] expectedProbabilities = [0.27, 0.03, 0.45, 0.05, 0.18, 0.02];
        Assert.Equal(expectedPeriods, counts.Select(c => c.Periods).ToArray());
        for (var i = 0; i < counts.Count; i++)
        {
            Assert.Equal(expectedProbabilities[i], counts[i].Probability, 1e-12);
        }

        Assert.Equal(3.0, counts.Sum(c => c.Periods * c.Probability), 1e-12);
    }

    [Fact]
    public void Deterministic_lead_time_gives_the_plain_sum_and_variability_raises_its_quantile()
    {
        var periods = Enumerable.Repeat<DemandDistribution>(new PoissonDistribution(20.0), 30).ToArray();
        var model = new ConvolvedLeadTimeDemand(periods);
        DemandDistribution Exposure(LeadTime leadTime, int tau) => RandomPeriodDemand.Compound(model, RandomPeriodDemand.PeriodCounts(leadTime, tau));
        for (var tau = 1; tau <= 20; tau++)
        {
            Assert.Equal(model.Over(tau).Quantile(0.95), Exposure(new LeadTime(3.0, 0.0), tau).Quantile(0.95));
        }

        // Moments of the compound with a gamma lead time discretised on whole periods: E[N] = tau, Var[N] ~ 1.5^2.
        var exposure = Exposure(new LeadTime(3.0, 1.5), 10);
        Assert.Equal(200.0, exposure.Mean, 0.5);
        Assert.InRange(exposure.Variance, 200.0 + 400.0 * 2.25 * 0.95, 200.0 + 400.0 * (2.25 + 1.0 / 6.0) * 1.05);
        Assert.True(exposure.Quantile(0.95) > model.Over(10).Quantile(0.95));
    }

    [Fact]
    public void Lead_time_given_by_mean_and_sd_is_a_gamma_on_whole_periods()
    {
        // Gamma with mean 4, sd 1.5 (shape 64/9, scale 9/16): P(L = 4) = G(4.5) - G(3.5), P(L = 0) = G(0.5) (mpmath 1.3.0).
        var outcomes = RandomPeriodDemand.LeadTimeOutcomes(new LeadTime(4.0, 1.5));
        Assert.Equal(1.0, outcomes.Sum(o => o.Probability), 1e-12);
        Assert.Equal(0.25936230331041327, outcomes.Single(o => o.Periods == 4).Probability, 1e-12);
        Assert.Equal(3.1614134228136906e-5, outcomes.Single(o => o.Periods == 0).Probability, 1e-15);
        Assert.Equal(4.0, outcomes.Sum(o => o.Periods * o.Probability), 0.01);
    }

    // Knuth's multiplication method for Poisson draws, split into chunks of rate <= 30 to avoid underflow of e^-rate.
    private static int Poisson(Random random, double rate)
    {
        var total = 0;
        while (rate > 0)
        {
            var chunk = Math.Min(rate, 30.0);
            rate -= chunk;
            var limit = Math.Exp(-chunk);
            var product = random.NextDouble();
            while (product > limit)
            {
                total++;
                product *= random.NextDouble();
            }
        }

        return total;
    }
}
