using MeioForecast.Core.Distributions;
using MeioForecast.Core.Network;
using MeioForecast.Simulation.Engine;
using MeioForecast.Simulation.Network;
using MeioForecast.Simulation.Options;

namespace MeioForecast.Simulation.Tests;

// Tolerance: 4 standard errors across independent replications (see SingleStageTests).
public class QuotedServiceTimeTests
{
    [Fact]
    public void A_customer_stage_quoting_S_needs_only_demand_over_L_minus_S()
    {
        // GSM (Graves & Willems 2000): with outbound service time S, demand of period t is due at t + S and the base
        // stock covers demand over tau = SI + T - S = L - S periods; the cycle service level at the due time is Phi(z).
        const double mu = 100, sigma = 20, z = 1.2815515655446004;
        const int leadTime = 5, quoted = 2;
        var network = new SimulationNetwork([
            new SimulationStage
            {
                Id = "store", InboundLeadTime = new LeadTime(leadTime, 0), OutboundServiceTime = quoted,
                BaseStock = Networks.Bound(mu, sigma, z, leadTime - quoted),
                CustomerDemand = CustomerDemand.Stationary(new NormalDistribution(mu, sigma)),
            },
        ]);
        var s = NetworkSimulator.Run(network, new SimulationOptions { Replications = 320, Periods = 500, Seed = 99 })["store"];

        Assert.InRange(s.CycleServiceLevelStandardError, 1e-4, 0.005);
        Assert.InRange(s.CycleServiceLevel, Normal.Phi(z) - 4 * s.CycleServiceLevelStandardError, Normal.Phi(z) + 4 * s.CycleServiceLevelStandardError);
    }

    [Fact]
    public void An_external_supplier_service_time_SI_lengthens_the_replenishment_time()
    {
        // A source stage with SI = 3 (supplier quotes 3 periods) and T = 1: tau = 4, so B = D(4) gives Phi(z).
        const double mu = 50, sigma = 15, z = 0.6744897501960817; // 75 %
        var network = new SimulationNetwork([
            new SimulationStage
            {
                Id = "store", InboundServiceTime = 3, ProcessingTime = 1, BaseStock = Networks.Bound(mu, sigma, z, 4),
                CustomerDemand = CustomerDemand.Stationary(new NormalDistribution(mu, sigma)),
            },
        ]);
        var s = NetworkSimulator.Run(network, new SimulationOptions { Replications = 320, Periods = 500, Seed = 100 })["store"];

        Assert.InRange(s.CycleServiceLevel, Normal.Phi(z) - 4 * s.CycleServiceLevelStandardError, Normal.Phi(z) + 4 * s.CycleServiceLevelStandardError);
    }
}
