using MeioForecast.Core.Distributions;

namespace MeioForecast.Core.Tests.Distributions;

// Reference values: mpmath 1.3.0 at 30 digits (python3 -c "import mpmath; ..."): loggamma, gammainc(regularized=True),
// betainc(regularized=True), findroot on the gamma cdf, and the Poisson / negative binomial pmf summed term by term.
public class ParametricDistributionTests
{
    [Theory]
    [InlineData(0.3, 1.0957979948180756)]
    [InlineData(1.5, -0.12078223763524522)]
    [InlineData(7.25, 7.0521854507385394)]
    [InlineData(123.4, 469.33609744219059)]
    public void LogGamma_matches_mpmath(double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 1e-13 * Math.Max(1.0, Math.Abs(expected)));
    }

    [Theory]
    [InlineData(2.5, 1.0, 0.15085496391539036)]
    [InlineData(2.5, 7.0, 0.98439058389973309)]
    [InlineData(50.0, 45.0, 0.24680203440017027)]
    [InlineData(0.5, 0.01, 0.11246291601828489)]
    public void GammaP_matches_mpmath(double a, double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.GammaP(a, x), 1e-13);
        Assert.Equal(1.0 - expected, SpecialFunctions.GammaQ(a, x), 1e-13);
    }

    [Theory]
    [InlineData(2.0, 3.0, 0.4, 0.5248)]
    [InlineData(6.75, 11.0, 0.3, 0.25065751057298734)]
    [InlineData(0.5, 20.0, 0.05, 0.84540921856656171)]
    public void BetaRegularized_matches_mpmath(double a, double b, double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.BetaRegularized(a, b, x), 1e-13);
    }

    [Theory]
    [InlineData(0.05, 1.7182143390926539)]
    [InlineData(0.5, 6.527190286643291)]
    [InlineData(0.95, 16.605746540274528)]
    [InlineData(0.99, 22.629408704083482)]
    public void Gamma_quantile_matches_mpmath(double p, double expected)
    {
        var gamma = new GammaDistribution(2.5, 3.0);
        Assert.Equal(expected, gamma.Quantile(p), 1e-11 * expected);
        Assert.Equal(p, gamma.Cdf(expected), 1e-13);
        Assert.Equal(7.5, gamma.Mean, 1e-14);
        Assert.Equal(22.5, gamma.Variance, 1e-13);
    }

    [Theory]
    [InlineData(0.05, 9)]
    [InlineData(0.5, 15)]
    [InlineData(0.95, 21)]
    [InlineData(0.99, 24)]
    public void Poisson_quantile_matches_term_by_term_sum(double p, int expected)
    {
        Assert.Equal(expected, new PoissonDistribution(14.8).Quantile(p));
    }

    [Theory]
    [InlineData(0.05, 6)]
    [InlineData(0.5, 15)]
    [InlineData(0.9, 25)]
    [InlineData(0.99, 37)]
    public void NegativeBinomial_quantile_matches_term_by_term_sum(double p, int expected)
    {
        var nb = new NegativeBinomialDistribution(6.75, 0.3);
        Assert.Equal(expected, nb.Quantile(p));
        Assert.Equal(6.75 * 0.7 / 0.3, nb.Mean, 1e-12);
        Assert.Equal(6.75 * 0.7 / 0.09, nb.Variance, 1e-12);
    }

    [Fact]
    public void NegativeBinomial_cdf_matches_term_by_term_sum()
    {
        // mpmath: sum_{k<=25} Gamma(k + r)/(k! Gamma(r)) p^r (1-p)^k for r = 6.75, p = 0.3.
        Assert.Equal(0.90132168077286238, new NegativeBinomialDistribution(6.75, 0.3).Cdf(25.0), 1e-13);
    }

    [Fact]
    public void Discrete_from_counts_is_the_empirical_distribution()
    {
        var d = DiscreteDistribution.FromCounts([0, 0, 1, 3, 3, 3, 5, 2, 0, 1]);

        // Hand count: P(0) = .3, P(1) = .2, P(2) = .1, P(3) = .3, P(5) = .1.
        Assert.Equal(0.5, d.Cdf(1.0), 1e-15);
        Assert.Equal(0.9, d.Cdf(4.99), 1e-15);
        Assert.Equal(1.0, d.Quantile(0.5));
        Assert.Equal(2.0, d.Quantile(0.51));
        Assert.Equal(3.0, d.Quantile(0.61));
        Assert.Equal(1.8, d.Mean, 1e-14);
        Assert.Equal(0.3 * 3.24 + 0.2 * 0.64 + 0.1 * 0.04 + 0.3 * 1.44 + 0.1 * 10.24, d.Variance, 1e-13);
    }
}
