using MeioForecast.Core.Distributions;
using MeioForecast.Core.Network;
using MeioForecast.Simulation.Engine;
using MeioForecast.Simulation.Network;
using MeioForecast.Simulation.Options;

namespace MeioForecast.Simulation.Tests;

// Sampled demand whose warm-up is replayed from a given path (the held-out check's window band starts where the replay of
// actual demand starts). Hand count with the documented period logic.
public class WarmUpPathTests
{
    private static SimulationNetwork Store(CustomerDemand demand) => new([
        new SimulationStage { Id = "store", InboundLeadTime = new LeadTime(2, 0), BaseStock = 25, CustomerDemand = demand },
    ]);

    // Demand of exactly 10 every measured period (a normal with sd 0: Box-Muller returns mu).
    private static CustomerDemand Ten => CustomerDemand.Stationary(new NormalDistribution(10, 0));

    [Fact]
    public void The_warm_up_path_sets_the_state_the_sampled_periods_start_from()
    {
        // B = 25, L = 2: net inventory when day t's demand is due is B - d(t-1) - d(t). Warm-up of 20 days ending with 40:
        // day 0 is 25 - 40 - 10 = -25 (a stockout), days 1..9 are 25 - 10 - 10 = 5: cycle service 9/10 in every
        // replication. Without the path the warm-up samples 10 a day: no stockout.
        double[] warmUp = [.. Enumerable.Repeat(10.0, 19), 40.0];
        var options = new SimulationOptions { Replications = 4, Periods = 10, WarmUpPeriods = 20 };
        var replayed = NetworkSimulator.Run(Store(Ten.WithWarmUp(warmUp)), options)["store"];
        Assert.Equal(0.9, replayed.CycleServiceLevel, 12);
        Assert.Equal([0.9, 0.9, 0.9, 0.9], replayed.ReplicationCycleServiceLevels);
        Assert.Equal(1.0, NetworkSimulator.Run(Store(Ten), options)["store"].CycleServiceLevel, 12);
    }

    [Fact]
    public void A_warm_up_path_shorter_than_the_warm_up_or_on_a_fixed_path_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            NetworkSimulator.Run(Store(Ten.WithWarmUp([10, 10])), new SimulationOptions { Replications = 2, Periods = 5, WarmUpPeriods = 3 }));
        Assert.Contains("warm-up", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => CustomerDemand.FromPath([1, 2]).WithWarmUp([1]));
    }
}
