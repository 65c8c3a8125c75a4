using MeioForecast.Core.Distributions;
using MeioForecast.Core.LeadTimeDemand;

namespace MeioForecast.Core.Tests.LeadTimeDemand;

public class DemandBoundTests
{
    // z_0.95 from Abramowitz & Stegun (1964) Table 26.5 / R qnorm(0.95) printed to 17 digits.
    private const double Z95 = 1.6448536269514722;

    [Fact]
    public void Classic_normal_bound_safety_stock_is_z_sigma_sqrt_tau_to_1e_12()
    {
        // Graves & Willems (2000): D(tau) = tau mu + z sigma sqrt(tau).
        var bound = NormalDemandBound.FromServiceLevel(100.0, 20.0, 0.95);
        for (var tau = 0; tau <= 60; tau++)
        {
            Assert.Equal(Z95 * 20.0 * Math.Sqrt(tau), bound.SafetyStock(tau), 1e-12);
            Assert.Equal(100.0 * tau + Z95 * 20.0 * Math.Sqrt(tau), bound.BaseStock(tau), 1e-12);
        }
    }

    [Fact]
    public void Moment_based_lead_time_demand_quantile_equals_the_classic_normal_bound_to_1e_12()
    {
        var periods = Enumerable.Repeat<DemandDistribution>(new NormalDistribution(100.0, 20.0), 60).ToArray();
        var model = new NormalLeadTimeDemand(periods);
        for (var tau = 1; tau <= 60; tau++)
        {
            Assert.Equal(Z95 * 20.0 * Math.Sqrt(tau), model.Over(tau).Quantile(0.95) - model.Mean(tau), 1e-12);
        }
    }

    [Fact]
    public void Convolved_lead_time_demand_quantile_is_that_of_the_tau_period_sum()
    {
        // Poisson(4) per period: D(tau) = Poisson(4 tau), quantiles by the closed-form Poisson (itself checked vs mpmath).
        var model = new ConvolvedLeadTimeDemand(Enumerable.Repeat<DemandDistribution>(new PoissonDistribution(4.0), 20).ToArray());
        for (var tau = 1; tau <= 25; tau++)
        {
            Assert.Equal(new PoissonDistribution(4.0 * tau).Quantile(0.98), model.Over(tau).Quantile(0.98));
            Assert.Equal(4.0 * tau, model.Mean(tau), 1e-9);
        }
    }

    [Fact]
    public void Non_identical_periods_sum_their_exact_moments()
    {
        var model = new NormalLeadTimeDemand([new NormalDistribution(10.0, 3.0), new NormalDistribution(30.0, 4.0)]);

        // tau = 2: N(40, 5^2) so the excess of the 0.95 quantile over the mean is 5 z; tau = 3 reuses period 2: N(70, 9 + 16 + 16).
        Assert.Equal(5.0 * Z95, model.Over(2).Quantile(0.95) - model.Mean(2), 1e-12);
        Assert.Equal(Math.Sqrt(41.0) * Z95, model.Over(3).Quantile(0.95) - model.Mean(3), 1e-12);
        Assert.Equal(70.0, model.Mean(3), 1e-12);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(-0.3)]
    public void Autocorrelation_adjusts_the_variance_to_the_ar1_closed_form(double phi)
    {
        // AR(1) residuals, rho_k = phi^k, equal sigma: Var(sum of tau) = sigma^2 [tau (1+phi)/(1-phi) - 2 phi (1 - phi^tau)/(1-phi)^2]
        // (Box, Jenkins & Reinsel, Time Series Analysis, variance of a sum of a stationary AR(1) process).
        const double sigma = 7.0;
        var rho = Enumerable.Range(1, 80).Select(k => Math.Pow(phi, k)).ToArray();
        var options = new LeadTimeDemandOptions { ResidualAutocorrelation = rho };
        var periods = Enumerable.Repeat<DemandDistribution>(new NormalDistribution(50.0, sigma), 60).ToArray();
        var model = new NormalLeadTimeDemand(periods, options);
        for (var tau = 1; tau <= 60; tau++)
        {
            var expected = sigma * sigma * (tau * (1 + phi) / (1 - phi) - 2 * phi * (1 - Math.Pow(phi, tau)) / ((1 - phi) * (1 - phi)));
            Assert.Equal(expected, model.Variance(tau), 1e-9 * expected);
            Assert.Equal(Z95 * Math.Sqrt(expected), model.Over(tau).Quantile(0.95) - model.Mean(tau), 1e-9 * Math.Sqrt(expected));
        }
    }

    [Fact]
    public void Autocorrelation_stretches_the_convolved_distribution_to_the_adjusted_variance()
    {
        var options = new LeadTimeDemandOptions { ResidualAutocorrelation = [0.4, 0.16] };
        var periods = Enumerable.Repeat<DemandDistribution>(new PoissonDistribution(30.0), 12).ToArray();
        var model = new ConvolvedLeadTimeDemand(periods, options);
        var d = model.Over(12);

        // Poisson(360) stretched about its mean: variance 360 + 2 * 30 * (0.4 * 11 + 0.16 * 10).
        Assert.Equal(360.0 + 60.0 * (0.4 * 11 + 0.16 * 10), d.Variance, 1e-6);
        Assert.Equal(360.0, d.Mean, 1e-6);
    }

    [Fact]
    public void Classic_bound_from_a_distribution_uses_its_mean_and_sd()
    {
        // Poisson(16): mu = 16, sigma = 4, so D(tau) = 16 tau + 4 z sqrt(tau).
        var bound = NormalDemandBound.FromDistribution(new PoissonDistribution(16.0), 0.95);
        for (var tau = 0; tau <= 30; tau++)
        {
            Assert.Equal(16.0 * tau + 4.0 * Z95 * Math.Sqrt(tau), bound.BaseStock(tau), 1e-12);
        }
    }

    [Fact]
    public void All_zero_forecast_quantiles_give_zero_lead_time_demand()
    {
        // A dead item: every forecast quantile is 0, so demand is 0 with certainty at every tau.
        double[] levels = [0.1, 0.5, 0.9];
        var periods = Enumerable.Repeat<DemandDistribution>(new QuantileDistribution(levels, [0.0, 0.0, 0.0]), 8).ToArray();
        var model = new ConvolvedLeadTimeDemand(periods);
        Assert.Equal(0.0, Math.Max(0.0, model.Over(8).Quantile(0.99)));
        Assert.Equal(0.0, model.Mean(5), 1e-12);
    }

    [Fact]
    public void Options_validate_their_ranges()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeadTimeDemandOptions { GridPoints = 4 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeadTimeDemandOptions { Step = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeadTimeDemandOptions { TailMass = 0.1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeadTimeDemandOptions { ResidualAutocorrelation = [1.5] }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeadTimeDemandOptions { CapProbability = 0.5 }.Validate());
        new LeadTimeDemandOptions().Validate();
    }
}
