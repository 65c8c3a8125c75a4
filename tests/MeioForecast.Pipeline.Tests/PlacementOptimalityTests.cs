using MeioForecast.Core.Demand;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Optimization.Gsm;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.Tests.Builders;

namespace MeioForecast.Pipeline.Tests;

/// <summary>The GSM certificate carried out of the placement: per sku network on every row, and summed over the run.</summary>
public class PlacementOptimalityTests
{
    private static readonly QuantileLevel[] Levels = Forecasts.Grid(100);

    /// <summary>
    /// A plant feeding two DCs that both serve three stores: an undirected cycle (plant-DC1-store-DC2-plant), so not a
    /// spanning tree and solved by the general-network search, whose budget the options set.
    /// </summary>
    private static (NetworkPlan Plan, NodeDemand Demand) Diamond()
    {
        var locations = new Dictionary<string, Location>
        {
            ["SUP"] = new("SUP", LocationType.Supplier, 3),
            ["P"] = new("P", LocationType.Plant, 2),
            ["DC1"] = new("DC1", LocationType.DistributionCenter, 1),
            ["DC2"] = new("DC2", LocationType.DistributionCenter, 1),
        };
        var lanes = new List<Lane> { new(null, "SUP", "P", new LeadTime(4, 0)), new(null, "P", "DC1", new LeadTime(3, 0)), new(null, "P", "DC2", new LeadTime(5, 0)) };
        var nodes = new List<SkuNodeParameters>
        {
            new(new SkuNode("A", "P"), 4, 0.2, 0.95, null, 2),
            new(new SkuNode("A", "DC1"), 7, 0.2, 0.95, null, 1),
            new(new SkuNode("A", "DC2"), 6, 0.2, 0.95, null, 1),
        };
        var forecasts = new List<SeriesForecast>();
        for (var s = 1; s <= 3; s++)
        {
            var id = $"S{s}";
            locations[id] = new Location(id, LocationType.Store, 0);
            lanes.Add(new Lane(null, "DC1", id, new LeadTime(1 + s, 0)));
            lanes.Add(new Lane(null, "DC2", id, new LeadTime(4 - s, 0)));
            nodes.Add(new SkuNodeParameters(new SkuNode("A", id), 10 + s, 0.25, 0.9 + (0.02 * s), null, 0));
            forecasts.Add(Forecasts.Normal(new SkuNode("A", id), Levels, 20, 20 + (5 * s), 4 + (3 * s)));
        }

        var input = new PlanningInput(new PlanningSettings(PeriodKind.Day, 20, Levels, 1), locations, lanes, nodes, [], SignalTable.Empty);
        var plan = NetworkPlan.Build(input);
        return (plan, NodeDemand.Build(plan, forecasts));
    }

    [Fact]
    public void A_stopped_search_reports_a_lower_bound_that_does_not_exceed_the_proven_optimum()
    {
        // Oracle: the proven optimum of the full search (default options, gap <= 1e-9). A valid certificate of any
        // stopped search - cost x (1 - gap) is its lower bound - can never exceed it, and its cost never goes below it.
        var (plan, demand) = Diamond();
        var proven = new NetworkPlacement().Place(plan, demand, CancellationToken.None);
        Assert.All(proven, r => Assert.True(r.SkuNetworkProven && r.SkuNetworkGap <= 1e-9, $"{r.Location}: gap {r.SkuNetworkGap}"));
        var optimum = proven.Sum(r => r.HoldingCost);

        var stopped = new NetworkPlacement(new GsmSolverOptions { MaxNodes = 1, LagrangianIterations = 0, NodeLagrangianIterations = 0 })
            .Place(plan, demand, CancellationToken.None);
        var cost = stopped.Sum(r => r.HoldingCost);
        // One certificate per sku network, on every row of it.
        var (gap, isProven) = Assert.Single(stopped.Select(r => (r.SkuNetworkGap, r.SkuNetworkProven)).Distinct());
        Assert.True(cost >= optimum - (1e-9 * optimum), $"stopped cost {cost} < optimum {optimum}");
        Assert.True(cost * (1 - gap) <= optimum * (1 + 1e-9), $"lower bound {cost * (1 - gap)} > optimum {optimum}");
        Assert.Equal(gap <= new GsmSolverOptions().RelativeGapTolerance, isProven);
        Assert.False(isProven, "one node without multipliers leaves this network open"); // so the bound above is not trivial
    }

    [Fact]
    public void The_run_summary_counts_sku_networks_once_and_keeps_the_worst_gap()
    {
        TargetRow Row(string sku, string location, double gap, bool proven) => new(sku, location, 0.95, 0, 0, 1, 1, 1, 1, 1) { SkuNetworkGap = gap, SkuNetworkProven = proven };
        var rows = new[]
        {
            Row("A", "DC", 0, true), Row("A", "S1", 0, true),
            Row("B", "DC", 0.02, false), Row("B", "S1", 0.02, false), Row("B", "S2", 0.02, false),
            Row("C", "DC", 1e-10, true),
        };
        Assert.Equal(new PlacementOptimality(3, 1, 0.02), PlacementOptimality.Of(rows));
        Assert.Equal(new PlacementOptimality(0, 0, 0), PlacementOptimality.Of([]));
        Assert.All(new SingleEchelonPlacement().Place(Diamond().Plan, Diamond().Demand, CancellationToken.None), r => Assert.True(r.SkuNetworkProven && r.SkuNetworkGap == 0));
    }
}
