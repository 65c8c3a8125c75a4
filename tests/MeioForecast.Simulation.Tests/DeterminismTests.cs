using MeioForecast.Core.Distributions;
using MeioForecast.Core.Network;
using MeioForecast.Simulation.Engine;
using MeioForecast.Simulation.Network;
using MeioForecast.Simulation.Options;
using MeioForecast.Simulation.Results;

namespace MeioForecast.Simulation.Tests;

public class DeterminismTests
{
    private static SimulationNetwork Network() =>
        new([
            new SimulationStage { Id = "plant", ProcessingTime = 2, InboundLeadTime = new LeadTime(1, 0.8), BaseStock = 230, OutboundServiceTime = 1 },
            new SimulationStage
            {
                Id = "dc", Upstream = [new StageSupply("plant")], InboundLeadTime = new LeadTime(2, 0.5), BaseStock = 360,
                CustomerDemand = CustomerDemand.Stationary(new NormalDistribution(40, 15)),
            },
            new SimulationStage
            {
                Id = "store", Upstream = [new StageSupply("dc")], InboundLeadTime = new LeadTime(1, 0), BaseStock = 90,
                CustomerDemand = CustomerDemand.Stationary(new NormalDistribution(60, 25)),
            },
        ]);

    [Theory]
    [InlineData(ShortfallPolicy.Expedite)]
    [InlineData(ShortfallPolicy.Backorder)]
    public void One_and_two_threads_give_identical_results(ShortfallPolicy policy)
    {
        var options = new SimulationOptions { Replications = 100, Periods = 200, Seed = 42, Shortfall = policy };
        var one = NetworkSimulator.Run(Network(), options with { MaxDegreeOfParallelism = 1 });
        var two = NetworkSimulator.Run(Network(), options with { MaxDegreeOfParallelism = 2 });
        var again = NetworkSimulator.Run(Network(), options with { MaxDegreeOfParallelism = 2 });

        AssertIdentical(one, two);
        AssertIdentical(two, again);
    }

    [Fact]
    public void Replication_r_does_not_depend_on_how_many_replications_run_and_seeds_differ()
    {
        var options = new SimulationOptions { Replications = 40, Periods = 100, Seed = 5 };
        var small = NetworkSimulator.Run(Network(), options);
        var large = NetworkSimulator.Run(Network(), options with { Replications = 90 });
        var other = NetworkSimulator.Run(Network(), options with { Seed = 6 });

        Assert.Equal(small["store"].ReplicationCycleServiceLevels, large["store"].ReplicationCycleServiceLevels.Take(40));
        Assert.NotEqual(small["store"].ReplicationCycleServiceLevels, other["store"].ReplicationCycleServiceLevels);
    }

    private static void AssertIdentical(SimulationResult a, SimulationResult b)
    {
        for (var j = 0; j < a.Stages.Count; j++)
        {
            var x = a.Stages[j];
            var y = b.Stages[j];
            Assert.Equal(x.ReplicationCycleServiceLevels, y.ReplicationCycleServiceLevels);
            Assert.Equal(x with { ReplicationCycleServiceLevels = [] }, y with { ReplicationCycleServiceLevels = [] });
            Assert.True(x.CycleServiceLevel is > 0.0 and < 1.0);
        }
    }
}
