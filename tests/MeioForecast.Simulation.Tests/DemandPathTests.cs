using MeioForecast.Core.Network;
using MeioForecast.Simulation.Engine;
using MeioForecast.Simulation.Network;
using MeioForecast.Simulation.Options;

namespace MeioForecast.Simulation.Tests;

// Backtest mode replays an explicit demand path. Expected trajectories computed by hand with the documented period
// logic: receive what arrives, ship backlog then the period's due demand, order the period's demand (base stock).
public class DemandPathTests
{
    private static readonly SimulationOptions Exact = new() { Replications = 2, WarmUpPeriods = 0, RecordTrace = true };

    [Fact]
    public void Single_stage_replays_the_path_exactly()
    {
        // B = 10, L = 2, demand 4 7 3 0 6 5. On-hand: 10-4=6; 6-7 -> 0 with 1 backordered; +4 (order of t0), ship 1+3 -> 0;
        // +7 -> 7; +3 -> 10, ship 6 -> 4; +0, ship 4 of 5 -> 0, 1 backordered. Stockouts in t1 and t5; 23 of 25 units on time.
        var network = new SimulationNetwork([
            new SimulationStage
            {
                Id = "store", InboundLeadTime = new LeadTime(2, 0), BaseStock = 10,
                CustomerDemand = CustomerDemand.FromPath([4, 7, 3, 0, 6, 5]),
            },
        ]);
        var result = NetworkSimulator.Run(network, Exact with { Periods = 6 });
        var trace = result.Trace![0];

        Assert.Equal([4.0, 7, 3, 0, 6, 5], trace.Demand);
        Assert.Equal([0.0, 0, 4, 7, 3, 0], trace.Received);
        Assert.Equal([6.0, 0, 0, 7, 4, 0], trace.OnHand);
        Assert.Equal([0.0, 1, 0, 0, 0, 1], trace.Backorders);
        var s = result["store"];
        Assert.Equal(4.0 / 6.0, s.CycleServiceLevel, 12);
        Assert.Equal(23.0 / 25.0, s.FillRate, 12);
        Assert.Equal(0.0, s.CycleServiceLevelStandardError); // both replications replay the same path
    }

    [Fact]
    public void Serial_path_shows_the_difference_between_backordering_and_expediting_upstream()
    {
        // Plant (T = 1, B = 5) supplies a store (L = 1, B = 6); demand 4 6 2 5 0.
        // Backorder: the plant is 1 short in t1 and ships it in t2, so the store receives 4, 5, 3, 5 in t1..t4.
        // Expedite: the plant ships 6 in t1 anyway (on-hand -1, repaid from its receipt in t2); the store receives 4, 6, 2, 5.
        var network = new SimulationNetwork([
            new SimulationStage { Id = "plant", ProcessingTime = 1, BaseStock = 5 },
            new SimulationStage
            {
                Id = "store", Upstream = [new StageSupply("plant")], InboundLeadTime = new LeadTime(1, 0), BaseStock = 6,
                CustomerDemand = CustomerDemand.FromPath([4, 6, 2, 5, 0]),
            },
        ]);

        var backorder = NetworkSimulator.Run(network, Exact with { Periods = 5, Shortfall = ShortfallPolicy.Backorder });
        Assert.Equal([1.0, 0, 3, 0, 5], backorder.Trace![0].OnHand);
        Assert.Equal([0.0, 1, 0, 0, 0], backorder.Trace[0].Backorders);
        Assert.Equal([0.0, 4, 5, 3, 5], backorder.Trace[1].Received);
        Assert.Equal([2.0, 0, 3, 1, 6], backorder.Trace[1].OnHand);
        Assert.Equal(0.8, backorder["plant"].CycleServiceLevel, 12);
        Assert.Equal(0, backorder["plant"].ExpediteEvents);

        var expedite = NetworkSimulator.Run(network, Exact with { Periods = 5 });
        Assert.Equal([1.0, -1, 3, 0, 5], expedite.Trace![0].OnHand);
        Assert.Equal([0.0, 1, 0, 0, 0], expedite.Trace[0].Expedited);
        Assert.Equal([0.0, 0, 0, 0, 0], expedite.Trace[0].Backorders);
        Assert.Equal([0.0, 4, 6, 2, 5], expedite.Trace[1].Received);
        Assert.Equal([2.0, 0, 4, 1, 6], expedite.Trace[1].OnHand);
        Assert.Equal(0.8, expedite["plant"].CycleServiceLevel, 12);
        Assert.Equal(2, expedite["plant"].ExpediteEvents); // one per replication
        Assert.Equal(2.0, expedite["plant"].ExpeditedUnits, 12);
    }

    [Fact]
    public void A_path_shorter_than_the_simulated_horizon_is_rejected()
    {
        var network = new SimulationNetwork([
            new SimulationStage { Id = "store", BaseStock = 1, CustomerDemand = CustomerDemand.FromPath([1, 2, 3]) },
        ]);

        var error = Assert.Throws<ArgumentException>(() => NetworkSimulator.Run(network, Exact with { Periods = 3, WarmUpPeriods = 1 }));
        Assert.Contains("store", error.Message, StringComparison.Ordinal);
    }
}
