using MeioForecast.Core.Distributions;
using MeioForecast.Core.LeadTimeDemand;

namespace MeioForecast.Core.Tests.LeadTimeDemand;

public class HeavyTailConvolutionTests
{
    private static readonly double[] Levels = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];

    private static DemandDistribution[] HeavyPeriods() =>
        [.. Enumerable.Range(0, 12).Select(t => (DemandDistribution)new QuantileDistribution(
            Levels, [.. Levels.Select(p => (40.0 + 10.0 * (t % 3)) * Math.Exp(StandardNormal.Quantile(p)))]))];

    [Fact]
    public void Heavy_tailed_quantile_periods_convolve_like_a_seeded_monte_carlo()
    {
        // Brute force: 100,000 sums of 12 independent draws Q_t(U) (inverse transform), seed 31. Tolerance per cdf point:
        // 5 binomial standard errors plus 2e-4 for the default 4096-point grid (histogram discretisation).
        var periods = HeavyPeriods();
        var model = new ConvolvedLeadTimeDemand(periods);
        Assert.True(periods.All(p => ((QuantileDistribution)p).TailShape > 0.2));
        var d = model.Over(12);

        const int n = 100_000;
        var random = new Random(31);
        var sums = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = 0.0;
            foreach (var period in periods)
            {
                s += period.Quantile(Math.Max(random.NextDouble(), 1e-300));
            }

            sums[i] = s;
        }

        foreach (var p in new[] { 0.05, 0.25, 0.5, 0.75, 0.95, 0.99 })
        {
            var x = d.Quantile(p);
            var empirical = sums.Count(s => s <= x) / (double)n;
            Assert.InRange(empirical - p, -5 * Math.Sqrt(p * (1 - p) / n) - 2e-4, 5 * Math.Sqrt(p * (1 - p) / n) + 2e-4);
        }

        // Mean of the grid against the closed-form sum of the period means (integrals of Q).
        Assert.Equal(periods.Sum(p => p.Mean), d.Mean, 1e-3 * d.Mean);
    }

    [Fact]
    public void Lead_time_demand_is_deterministic_under_concurrent_requests()
    {
        var sequential = new ConvolvedLeadTimeDemand(HeavyPeriods(), maxTau: 30);
        var expected = Enumerable.Range(1, 30).Select(tau => sequential.Over(tau).Quantile(0.97)).ToArray();

        var concurrent = new ConvolvedLeadTimeDemand(HeavyPeriods(), maxTau: 30);
        var actual = new double[30];
        Parallel.For(0, 30, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[29 - i] = concurrent.Over(30 - i).Quantile(0.97));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Continuous_discretisation_uses_cell_masses_of_the_cdf()
    {
        // Method of rounding: pmf_i = Phi((i + 1/2) h) - Phi((i - 1/2) h) for N(0, 1), h = 0.5.
        var grid = GridDiscretizer.Discretize(new NormalDistribution(0.0, 1.0), 0.5);
        var zero = (int)Math.Round(-grid.Origin / 0.5);
        Assert.Equal(StandardNormal.Cdf(0.25) - StandardNormal.Cdf(-0.25), grid.Probability(zero), 1e-12);
        Assert.Equal(StandardNormal.Cdf(1.25) - StandardNormal.Cdf(0.75), grid.Probability(zero + 2), 1e-12);
        Assert.False(grid.IsLattice);
        Assert.Equal(StandardNormal.Cdf(0.75), grid.Cdf(0.75), 1e-12);
    }
}
