using MeioForecast.Core.Distributions;
using MeioForecast.Core.Network;
using MeioForecast.Simulation.Network;

namespace MeioForecast.Simulation.Tests;

/// <summary>Small networks used by several tests.</summary>
internal static class Networks
{
    public static SimulationNetwork SingleStage(double mu, double sigma, int leadTime, double baseStock) =>
        new([
            new SimulationStage
            {
                Id = "store",
                InboundLeadTime = new LeadTime(leadTime, 0.0),
                BaseStock = baseStock,
                CustomerDemand = CustomerDemand.Stationary(new NormalDistribution(mu, sigma)),
            },
        ]);

    /// <summary>GSM base stock B = D(tau) = tau mu + z sigma sqrt(tau) (Graves &amp; Willems 2000, eq. for normal demand).</summary>
    public static double Bound(double mu, double sigma, double z, int tau) => tau * mu + z * sigma * Math.Sqrt(tau);
}
