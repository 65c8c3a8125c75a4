using MeioForecast.Core.Distributions;
using MeioForecast.Core.Network;
using MeioForecast.Simulation.Engine;
using MeioForecast.Simulation.Network;
using MeioForecast.Simulation.Options;

namespace MeioForecast.Simulation.Tests;

// Tolerance used throughout: |simulated - exact| <= 4 standard errors, the standard error taken across independent
// replications (each replication's period average is one observation), which absorbs the autocorrelation of
// consecutive periods (tau-period demand windows overlap). A correct simulator fails such a check with probability
// about 6e-5; the seeds are fixed, so each test is deterministic.
public class SingleStageTests
{
    private static readonly SimulationOptions Options = new() { Replications = 400, Periods = 500, Seed = 20260601 };

    [Theory]
    [InlineData(1.0, 4)]
    [InlineData(1.6448536269514722, 9)]
    [InlineData(0.0, 1)]
    public void Normal_demand_with_known_base_stock_achieves_the_analytical_cycle_service_level(double z, int leadTime)
    {
        // Order-up-to policy, review period 1, lead time L: the end-of-period net inventory is B minus demand over L
        // periods, so P(no stockout) = Phi((B - L mu) / (sigma sqrt L)) = Phi(z) (Silver, Pyke & Thomas 2017, ch. 7).
        const double mu = 100, sigma = 20;
        var b = Networks.Bound(mu, sigma, z, leadTime);
        var s = NetworkSimulator.Run(Networks.SingleStage(mu, sigma, leadTime, b), Options)["store"];

        Assert.InRange(s.CycleServiceLevelStandardError, 1e-4, 0.005);
        Assert.InRange(s.CycleServiceLevel, Normal.Phi(z) - 4 * s.CycleServiceLevelStandardError, Normal.Phi(z) + 4 * s.CycleServiceLevelStandardError);
    }

    [Theory]
    [InlineData(1.0, 4)]
    [InlineData(0.0, 4)]
    [InlineData(-0.5, 2)]
    public void Fill_rate_average_on_hand_and_backorders_match_the_normal_loss_function(double z, int leadTime)
    {
        // Silver, Pyke & Thomas (2017), section 7.5: expected shortage per cycle ESPRC = sigma_L G(z), fill rate
        // P2 = 1 - ESPRC / mu for review period 1. Exact form (Hadley & Whitin 1963, backlog served first): the units of a
        // period's demand not filled on time are E[(D_L - B)^+] - E[(D_{L-1} - B)^+].
        // Average on-hand E[(B - D_L)^+] and backorders E[(D_L - B)^+] follow from the same normal lead-time demand.
        const double mu = 100, sigma = 20;
        var b = Networks.Bound(mu, sigma, z, leadTime);
        var s = NetworkSimulator.Run(Networks.SingleStage(mu, sigma, leadTime, b), Options)["store"];

        var sigmaL = sigma * Math.Sqrt(leadTime);
        var shortPerPeriod = sigmaL * Normal.Loss(z) - Normal.ExpectedExcess((leadTime - 1) * mu, sigma * Math.Sqrt(leadTime - 1), b);
        var fillRate = 1.0 - shortPerPeriod / mu;
        Assert.InRange(s.FillRate, fillRate - 4 * s.FillRateStandardError, fillRate + 4 * s.FillRateStandardError);

        var onHand = Normal.ExpectedShortfallBelow(leadTime * mu, sigmaL, b);
        Assert.InRange(s.AverageOnHand, onHand - 4 * s.AverageOnHandStandardError, onHand + 4 * s.AverageOnHandStandardError);
        var backorders = sigmaL * Normal.Loss(z);
        Assert.InRange(s.AverageBackorders, backorders - 4 * s.AverageBackordersStandardError, backorders + 4 * s.AverageBackordersStandardError);
        Assert.Equal(0, s.ExpediteEvents);
    }

    [Fact]
    public void Non_normal_demand_is_drawn_through_its_quantile_function()
    {
        // Exponential demand with mean 50, lead time 1: P(no stockout) = P(D <= B) = 1 - exp(-B / 50), here 0.9.
        var b = -50.0 * Math.Log(0.1);
        var network = new SimulationNetwork([
            new SimulationStage
            {
                Id = "store", InboundLeadTime = new LeadTime(1, 0), BaseStock = b,
                CustomerDemand = CustomerDemand.Stationary(new ExponentialDemand(50)),
            },
        ]);
        var s = NetworkSimulator.Run(network, Options)["store"];

        Assert.InRange(s.CycleServiceLevel, 0.9 - 4 * s.CycleServiceLevelStandardError, 0.9 + 4 * s.CycleServiceLevelStandardError);
        Assert.InRange(s.AverageDemand, 49.5, 50.5); // sd of the mean over 200,000 draws is 0.11
    }

    [Fact]
    public void Per_period_distributions_start_at_the_first_measured_period_and_cycle()
    {
        var degenerate = new DemandDistribution[] { new NormalDistribution(1, 0), new NormalDistribution(2, 0), new NormalDistribution(3, 0) };
        var network = new SimulationNetwork([
            new SimulationStage { Id = "store", BaseStock = 0, CustomerDemand = CustomerDemand.PerPeriod(degenerate) },
        ]);
        var result = NetworkSimulator.Run(network, new SimulationOptions { Replications = 2, Periods = 7, WarmUpPeriods = 5, RecordTrace = true });

        Assert.Equal([1.0, 2, 3, 1, 2, 3, 1], result.Trace![0].Demand);
    }

    private sealed class ExponentialDemand(double mean) : DemandDistribution
    {
        public override double Mean => mean;

        public override double Variance => mean * mean;

        public override double Quantile(double p) => -mean * Math.Log(1.0 - p);

        public override double Cdf(double x) => x <= 0 ? 0.0 : 1.0 - Math.Exp(-x / mean);
    }
}
