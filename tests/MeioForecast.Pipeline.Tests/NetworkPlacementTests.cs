using MeioForecast.Core.Demand;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.Tests.Builders;

namespace MeioForecast.Pipeline.Tests;

public class NetworkPlacementTests
{
    private static readonly QuantileLevel[] Levels = Forecasts.Grid(100);

    /// <summary>Supplier -> DC -> stores S1..Sn: a distribution network with fractional lead times.</summary>
    private static (PlanningInput Input, NodeDemand Demand) Network(int stores, double dcLeadTime, double storeLeadTime, double storeUnitCost)
    {
        var locations = new Dictionary<string, Location> { ["SUP"] = new("SUP", LocationType.Supplier, 2), ["DC"] = new("DC", LocationType.DistributionCenter, 1) };
        var lanes = new List<Lane> { new(null, "SUP", "DC", new LeadTime(dcLeadTime, 0)) };
        var nodes = new List<SkuNodeParameters> { new(new SkuNode("A", "DC"), 10, 0.2, 0.95, null, 1) };
        var forecasts = new List<SeriesForecast>();
        for (var s = 1; s <= stores; s++)
        {
            var id = $"S{s}";
            locations[id] = new Location(id, LocationType.Store, 0);
            lanes.Add(new Lane(null, "DC", id, new LeadTime(storeLeadTime, 0)));
            nodes.Add(new SkuNodeParameters(new SkuNode("A", id), storeUnitCost, 0.25, 0.95, null, 0));
            forecasts.Add(Forecasts.Normal(new SkuNode("A", id), Levels, 30, 20 + s, 5 + s));
        }

        var input = new PlanningInput(new PlanningSettings(PeriodKind.Day, 30, Levels, 1), locations, lanes, nodes, [], SignalTable.Empty);
        return (input, NodeDemand.Build(NetworkPlan.Build(input), forecasts));
    }

    [Theory]
    [InlineData(2, 6.5, 2.0, 12.0)]
    [InlineData(4, 10.0, 3.5, 11.0)]
    [InlineData(6, 3.2, 1.0, 30.0)]
    [InlineData(3, 12.0, 5.0, 10.5)]
    public void Network_total_is_not_above_single_echelon_for_the_same_service_targets(int stores, double dcLead, double storeLead, double storeCost)
    {
        var (input, demand) = Network(stores, dcLead, storeLead, storeCost);
        var single = new SingleEchelonPlacement().Place(NetworkPlan.Build(input), demand, CancellationToken.None);
        var network = new NetworkPlacement().Place(NetworkPlan.Build(input), demand, CancellationToken.None);
        Assert.Equal(single.Select(r => (r.Sku, r.Location)), network.Select(r => (r.Sku, r.Location)));
        Assert.Equal(single.Select(r => r.ServiceLevel), network.Select(r => r.ServiceLevel));
        Assert.True(network.Sum(r => r.HoldingCost) <= single.Sum(r => r.HoldingCost) + 1e-9, $"{network.Sum(r => r.HoldingCost)} > {single.Sum(r => r.HoldingCost)}");
        foreach (var row in network)
        {
            // tau = SI + T - S on the real time axis, and the customer-facing stores quote 0.
            Assert.True(row.NetReplenishmentTime >= 0);
            if (row.Location != "DC")
            {
                Assert.Equal(0, row.OutboundServiceTime);
            }
        }
    }

    [Theory]
    [InlineData(2, 6.5, 2.0, 12.0)]
    [InlineData(6, 3.2, 1.0, 30.0)]
    [InlineData(4, 10.0, 3.5, 11.0)]
    public void A_node_with_zero_service_times_holds_its_single_echelon_safety_stock(int stores, double dcLead, double storeLead, double storeCost)
    {
        // S = SI = 0 means the node covers its own replenishment time, exactly the single-echelon assumption.
        var (input, demand) = Network(stores, dcLead, storeLead, storeCost);
        var single = new SingleEchelonPlacement().Place(NetworkPlan.Build(input), demand, CancellationToken.None);
        var network = new NetworkPlacement().Place(NetworkPlan.Build(input), demand, CancellationToken.None);
        var compared = 0;
        for (var i = 0; i < single.Count; i++)
        {
            if (network[i].OutboundServiceTime == 0 && network[i].InboundServiceTime == 0)
            {
                Assert.Equal(single[i].NetReplenishmentTime, network[i].NetReplenishmentTime, 1e-12);
                Assert.Equal(single[i].SafetyStock, network[i].SafetyStock, 1e-9);
                compared++;
            }
        }

        Assert.True(compared > 0);
    }

    [Fact]
    public void Cheap_stores_and_a_costly_dc_move_stock_out_of_the_dc()
    {
        // DC units cost 10 x 0.2 a year, store units 1 x 0.25: the DC quotes its full replenishment time (no stock
        // there) and stores cover it; single-echelon keeps stock at the DC as well, so the network total is lower.
        var (input, demand) = Network(2, 1.0, 9.0, 1.0);
        var single = new SingleEchelonPlacement().Place(NetworkPlan.Build(input), demand, CancellationToken.None);
        var network = new NetworkPlacement().Place(NetworkPlan.Build(input), demand, CancellationToken.None);
        var dc = network.Single(r => r.Location == "DC");
        Assert.Equal(2, dc.OutboundServiceTime); // T_DC = processing 1 + lane 1
        Assert.Equal(0.0, dc.SafetyStock, 1e-12);
        Assert.True(single.Single(r => r.Location == "DC").SafetyStock > 0);
        Assert.True(network.Sum(r => r.HoldingCost) < single.Sum(r => r.HoldingCost));
    }
}
