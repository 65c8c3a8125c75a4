using MeioForecast.Core.Distributions;

namespace MeioForecast.Core.Tests;

public class StandardNormalTests
{
    // Reference values: Abramowitz & Stegun (1964), Table 26.1 / 26.5, to the digits printed there, and
    // R 4.x qnorm/pnorm printed with 17 significant digits.
    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.95, 1.6448536269514722)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.99, 2.3263478740408408)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(0.05, -1.6448536269514729)]
    [InlineData(1e-10, -6.3613409024040557)]
    public void Quantile_matches_reference_values(double p, double expected)
    {
        Assert.Equal(expected, StandardNormal.Quantile(p), 1e-12);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.84134474606854293)]
    [InlineData(-1.959963984540054, 0.025)]
    [InlineData(3.0, 0.99865010196837001)]
    [InlineData(-5.0, 2.8665157187919391e-07)]
    public void Cdf_matches_reference_values(double x, double expected)
    {
        Assert.Equal(expected, StandardNormal.Cdf(x), 1e-14);
    }

    [Fact]
    public void Quantile_inverts_cdf_over_the_range()
    {
        // In the upper tail p = 1 - tiny is rounded to an ulp of 1, which alone moves the inverse by ~1.1e-16 / phi(x).
        for (var x = -7.5; x <= 7.5; x += 0.25)
        {
            var tolerance = 1e-9 + (x > 0 ? 4e-16 / StandardNormal.Pdf(x) : 0.0);
            Assert.Equal(x, StandardNormal.Quantile(StandardNormal.Cdf(x)), tolerance);
        }
    }

    [Fact]
    public void Normal_demand_bound_is_tau_mu_plus_z_sigma_sqrt_tau()
    {
        // Graves & Willems (2000): D(tau) = tau*mu + z*sigma*sqrt(tau).
        var bound = NormalDemandBound.FromServiceLevel(40, 20, 0.95);
        var z = 1.6448536269514722;
        for (var tau = 0; tau <= 30; tau++)
        {
            Assert.Equal(z * 20 * Math.Sqrt(tau), bound.SafetyStock(tau), 1e-9);
        }
    }
}
