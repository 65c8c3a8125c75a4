using MeioForecast.Simulation.Network;
using MeioForecast.Simulation.Options;

namespace MeioForecast.Simulation.Tests;

public class NetworkValidationTests
{
    [Fact]
    public void Stages_are_ordered_upstream_first()
    {
        var network = new SimulationNetwork([
            new SimulationStage { Id = "store", Upstream = [new StageSupply("dc")], BaseStock = 1 },
            new SimulationStage { Id = "dc", Upstream = [new StageSupply("plant")], BaseStock = 1 },
            new SimulationStage { Id = "plant", BaseStock = 1 },
        ]);

        Assert.Equal([2, 1, 0], network.TopologicalOrder);
    }

    [Fact]
    public void A_cycle_an_unknown_upstream_and_a_gsm_violation_are_rejected_with_the_stage_named()
    {
        Assert.Contains("cycle", Assert.Throws<ArgumentException>(() => new SimulationNetwork([
            new SimulationStage { Id = "a", Upstream = [new StageSupply("b")], BaseStock = 1 },
            new SimulationStage { Id = "b", Upstream = [new StageSupply("a")], BaseStock = 1 },
        ])).Message, StringComparison.Ordinal);
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => new SimulationNetwork([
            new SimulationStage { Id = "a", Upstream = [new StageSupply("x")], BaseStock = 1 },
        ])).Message, StringComparison.Ordinal);
        Assert.Contains("SI_j >= S_i", Assert.Throws<ArgumentException>(() => new SimulationNetwork([
            new SimulationStage { Id = "a", OutboundServiceTime = 3, BaseStock = 1 },
            new SimulationStage { Id = "b", Upstream = [new StageSupply("a")], InboundServiceTime = 2, BaseStock = 1 },
        ])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SimulationNetwork([new SimulationStage { Id = "a", BaseStock = -1 }]));
    }

    [Fact]
    public void Options_outside_their_constraints_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulationOptions { Replications = 1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulationOptions { Periods = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulationOptions { MaxDegreeOfParallelism = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulationOptions { WarmUpPeriods = -1 }.Validate());
    }
}
