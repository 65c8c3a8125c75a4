using MeioForecast.Core.Distributions;
using MeioForecast.Core.LeadTimeDemand;

namespace MeioForecast.Core.Tests.LeadTimeDemand;

// Closed forms: sums of independent normals are normal with summed means and variances; Poissons add their rates;
// negative binomials with a common p add their r; gammas with a common scale add their shapes. Reference quantiles:
// mpmath 1.3.0 (30 digits): erfinv for the normal, findroot on gammainc for the gamma, pmf summed term by term for the
// Poisson and negative binomial.
public class ConvolvedLeadTimeDemandTests
{
    private static readonly LeadTimeDemandOptions Fine = new() { GridPoints = 1 << 17 };

    // Built once per test class (memoised, immutable): the fine grids cost a few hundred milliseconds in Debug.
    private static readonly Lazy<ConvolvedLeadTimeDemand> Normals = new(() =>
        new ConvolvedLeadTimeDemand([new NormalDistribution(10, 2), new NormalDistribution(20, 3), new NormalDistribution(5, 1)], Fine));

    private static readonly Lazy<ConvolvedLeadTimeDemand> Gammas = new(() =>
        new ConvolvedLeadTimeDemand([new GammaDistribution(1.5, 4), new GammaDistribution(2.0, 4), new GammaDistribution(0.8, 4)], Fine));

    [Theory]
    [InlineData(0.05, 28.845521276555113)]
    [InlineData(0.5, 35.0)]
    [InlineData(0.95, 41.154478723444885)]
    [InlineData(0.99, 43.704396707110766)]
    public void Sum_of_normals_is_normal_with_summed_moments(double p, double expected)
    {
        var model = Normals.Value;
        Assert.False(model.IsLattice);
        Assert.Equal(expected, model.Over(3).Quantile(p), 1e-6 * expected);
        Assert.Equal(35.0, model.Mean(3), 1e-12);
        Assert.Equal(14.0, model.Variance(3), 1e-12);
    }

    [Theory]
    [InlineData(0.05, 6.1703512057637276)]
    [InlineData(0.5, 15.886619277827181)]
    [InlineData(0.95, 32.714769756277406)]
    [InlineData(0.99, 42.079836716839825)]
    public void Sum_of_gammas_with_common_scale_adds_shapes(double p, double expected)
    {
        var model = Gammas.Value;
        Assert.Equal(expected, model.Over(3).Quantile(p), 1e-6 * expected);
    }

    [Theory]
    [InlineData(0.05, 9)]
    [InlineData(0.5, 15)]
    [InlineData(0.95, 21)]
    [InlineData(0.99, 24)]
    public void Sum_of_poissons_is_poisson_with_summed_rate(double p, int expected)
    {
        var model = new ConvolvedLeadTimeDemand([new PoissonDistribution(3.2), new PoissonDistribution(4.5), new PoissonDistribution(7.1)]);
        Assert.True(model.IsLattice);
        Assert.Equal(1.0, model.Step);
        Assert.Equal(expected, model.Over(3).Quantile(p));
    }

    [Theory]
    [InlineData(0.05, 5873)]
    [InlineData(0.5, 6000)]
    [InlineData(0.95, 6128)]
    [InlineData(0.99, 6181)]
    public void Sixty_poisson_periods_sum_exactly_on_the_integer_grid(double p, int expected)
    {
        var model = new ConvolvedLeadTimeDemand(Enumerable.Repeat<DemandDistribution>(new PoissonDistribution(100), 60).ToArray());
        Assert.Equal(expected, model.Over(60).Quantile(p));
    }

    [Theory]
    [InlineData(0.05, 6)]
    [InlineData(0.5, 15)]
    [InlineData(0.9, 25)]
    [InlineData(0.99, 37)]
    public void Sum_of_negative_binomials_with_common_p_adds_r(double p, int expected)
    {
        var model = new ConvolvedLeadTimeDemand(
            [new NegativeBinomialDistribution(2.0, 0.3), new NegativeBinomialDistribution(3.5, 0.3), new NegativeBinomialDistribution(1.25, 0.3)]);
        Assert.Equal(expected, model.Over(3).Quantile(p));
        Assert.Equal(0.90132168077286238, model.Over(3).Cdf(25), 1e-12);
    }

    [Fact]
    public void Periods_beyond_the_horizon_reuse_the_last_period()
    {
        // Poisson(2) then Poisson(5) repeated: D(4) = Poisson(2 + 3 * 5); compare with the closed-form Poisson(17).
        var model = new ConvolvedLeadTimeDemand([new PoissonDistribution(2), new PoissonDistribution(5)], maxTau: 4);
        var reference = new PoissonDistribution(17);
        foreach (var p in new[] { 0.1, 0.5, 0.9, 0.99 })
        {
            Assert.Equal(reference.Quantile(p), model.Over(4).Quantile(p));
        }

        Assert.Equal(17.0, model.Mean(4), 1e-12);
        Assert.Equal(0.0, model.Over(0).Quantile(0.99));
    }

    [Fact]
    public void Sums_longer_than_the_sizing_horizon_stay_exact()
    {
        // Grid sized for 10 periods, asked for 30: D(30) = Poisson(600) (closed form, quantiles checked vs mpmath above).
        var model = new ConvolvedLeadTimeDemand([new PoissonDistribution(20)], maxTau: 10);
        var reference = new PoissonDistribution(600);
        foreach (var p in new[] { 0.01, 0.5, 0.95, 0.9999 })
        {
            Assert.Equal(reference.Quantile(p), model.Over(30).Quantile(p));
        }
    }

    [Fact]
    public void Coarse_integer_step_keeps_the_mean_and_the_quantiles_to_within_a_step()
    {
        // Step 5 on Poisson(400) per period, 10 periods: Poisson(4000); mean-preserving split keeps E exact.
        var model = new ConvolvedLeadTimeDemand(Enumerable.Repeat<DemandDistribution>(new PoissonDistribution(400), 10).ToArray(), new LeadTimeDemandOptions { Step = 5 });
        var reference = new PoissonDistribution(4000);
        Assert.Equal(4000.0, model.Grid(10).Mean, 1e-6);
        Assert.InRange(model.Over(10).Quantile(0.95) - reference.Quantile(0.95), -5.0, 5.0);
    }

    [Fact]
    public void Fft_and_direct_convolution_agree()
    {
        var random = new Random(7);
        var a = Enumerable.Range(0, 900).Select(_ => random.NextDouble()).ToArray();
        var b = Enumerable.Range(0, 700).Select(_ => random.NextDouble()).ToArray();
        var direct = GridConvolution.Direct(a, b);
        var auto = GridConvolution.Convolve(a, b);
        Assert.Equal(direct.Length, auto.Length);
        for (var i = 0; i < direct.Length; i++)
        {
            Assert.Equal(direct[i], auto[i], 1e-9);
        }
    }

    [Fact]
    public void Quantile_distribution_periods_convolve_to_the_exact_moments()
    {
        double[] levels = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];
        var periods = Enumerable.Range(0, 12)
            .Select(t => (DemandDistribution)new QuantileDistribution(levels, levels.Select(p => (50 + 5 * t) * Math.Exp(0.6 * StandardNormal.Quantile(p))).ToArray()))
            .ToArray();
        var model = new ConvolvedLeadTimeDemand(periods, Fine);

        // The exact mean of the sum is the sum of the closed-form period means; the grid keeps it to O(h^2).
        var exactMean = periods.Sum(p => p.Mean);
        Assert.Equal(exactMean, model.Mean(12), 1e-9 * exactMean);
        Assert.Equal(exactMean, model.Grid(12).Mean, 1e-4 * exactMean);
        Assert.Equal(periods.Sum(p => p.Variance), model.Grid(12).Variance, 1e-3 * model.Variance(12));
    }
}
