using MeioForecast.Core.Demand;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.Tests.Builders;

namespace MeioForecast.Pipeline.Tests;

public class NetworkPlacementTests
{
    private static readonly QuantileLevel[] Levels = Forecasts.Grid(100);

    /// <summary>Supplier -> DC -> stores S1..Sn: a distribution network with fractional lead times.</summary>
    private static (PlanningInput Input, NodeDemand Demand) Network(int stores, double dcLeadTime, double storeLeadTime, double storeUnitCost, double dcLeadTimeSd = 0)
    {
        var locations = new Dictionary<string, Location> { ["SUP"] = new("SUP", LocationType.Supplier, 2), ["DC"] = new("DC", LocationType.DistributionCenter, 1) };
        var lanes = new List<Lane> { new(null, "SUP", "DC", new LeadTime(dcLeadTime, dcLeadTimeSd)) };
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

        // The classical bound holds nothing at tau = 0 on a random lane as well: its lateness is left to the calibration.
        var (randomInput, randomDemand) = Network(2, 1.0, 9.0, 1.0, dcLeadTimeSd: 0.5);
        var randomDc = new NetworkPlacement().Place(NetworkPlan.Build(randomInput), randomDemand, CancellationToken.None).Single(r => r.Location == "DC");
        Assert.Equal(0.0, randomDc.SafetyStock, 1e-12);
        Assert.Null(randomDc.CoveredLeadTimeSd);
        Assert.True(network.Sum(r => r.HoldingCost) < single.Sum(r => r.HoldingCost));
    }

    [Theory]
    [InlineData(1.0, 9.0, 1.0, 0.5, true)] // stores cover 11 periods anyway: the lateness adds little there, the DC passes it on
    [InlineData(4.0, 1.0, 30.0, 2.0, false)] // costly stores with short cover: the DC pools the lateness over both stores
    public void The_fallback_covers_a_random_supplier_lane_where_it_costs_least(double dcLead, double storeLead, double storeCost, double dcLeadSd, bool passes)
    {
        // Brute force over the DC's service time and whether it holds stock for its lane's lateness L - E[L] (normal
        // approximation, Humair, Ruark, Tomlin & Willems 2013, Interfaces 43(5)): the DC covers z sqrt(tau mu-variance +
        // mu_DC^2 sigma_L^2) at any tau, 0 included; or, holding nothing (S = T), passes it on and each store covers
        // z sqrt(tau_s sigma_s^2 + mu_s^2 sigma_L^2). Stores quote 0, so tau_s = S_DC + T_s.
        var (input, demand) = Network(2, dcLead, storeLead, storeCost, dcLeadSd);
        var rows = new NetworkPlacement().Fallback!.Place(NetworkPlan.Build(input), demand, CancellationToken.None);
        var z = StandardNormal.Quantile(0.95);
        var dcKey = new SkuNode("A", "DC");
        var (muDc, varDc) = (demand.Mean(dcKey).Average(), demand.Variance(dcKey).Average());
        var stores = new[] { "S1", "S2" }.Select(id => new SkuNode("A", id)).Select(k => (Mu: demand.Mean(k).Average(), Var: demand.Variance(k).Average())).ToArray();
        var dcTime = 1 + (int)Math.Ceiling(dcLead);
        var storeTime = (int)Math.Ceiling(storeLead);
        var best = double.PositiveInfinity;
        for (var s = 0; s <= dcTime; s++)
        {
            var tauDc = dcTime - s;
            var storesCost = stores.Sum(x => storeCost * 0.25 * z * Math.Sqrt((s + storeTime) * x.Var));
            best = Math.Min(best, (10 * 0.2 * z * Math.Sqrt((tauDc * varDc) + (muDc * muDc * dcLeadSd * dcLeadSd))) + storesCost);
            if (tauDc == 0)
            {
                best = Math.Min(best, stores.Sum(x => storeCost * 0.25 * z * Math.Sqrt(((s + storeTime) * x.Var) + (x.Mu * x.Mu * dcLeadSd * dcLeadSd))));
            }
        }

        Assert.Equal(best, rows.Sum(r => r.HoldingCost), 1e-9 * best);
        var dc = rows.Single(r => r.Location == "DC");
        Assert.Equal(passes, dc.SafetyStock == 0.0);
        Assert.Equal(passes ? 0.0 : dcLeadSd, dc.CoveredLeadTimeSd);
        Assert.All(rows.Where(r => r.Location != "DC"), r => Assert.Equal(passes ? dcLeadSd : 0.0, r.CoveredLeadTimeSd));

        // The explanations value each buffer from the drivers alone: they must give these targets back exactly.
        foreach (var (key, drivers) in NodeDriversBuilder.Build(NetworkPlan.Build(input), demand, rows))
        {
            var row = rows.Single(r => r.Location == key.Location);
            var buffer = PlacementBufferModel.Instance.Evaluate(drivers);
            Assert.Equal(row.SafetyStock, buffer.SafetyStock, 1e-9 * Math.Max(1, row.SafetyStock));
            Assert.Equal(row.BaseStock, buffer.BaseStock, 1e-9 * Math.Max(1, row.BaseStock));
        }
    }

    [Fact]
    public void A_buffer_covering_lateness_at_tau_zero_is_z_mu_sigma_L()
    {
        // A DC quoting S = SI + T on a lane of sd 0.5 that covers its lateness holds z mu sigma_L (normal approximation
        // of demand over the random net replenishment time L - E[L], Humair et al. 2013); the classical bound holds 0.
        var drivers = new Explainability.Drivers.NodeDrivers([40.0, 60.0], [25.0, 25.0], 2, 0.5, 0.95, 2, 2, 0) { CoversLateness = true };
        var expected = StandardNormal.Quantile(0.95) * 50 * 0.5;
        Assert.Equal(expected, PlacementBufferModel.Instance.Evaluate(drivers).SafetyStock, 1e-12);
        Assert.Equal(expected, PlacementBufferModel.Instance.Evaluate(drivers).BaseStock, 1e-12);
        Assert.Equal(0.0, PlacementBufferModel.Instance.Evaluate(drivers with { CoversLateness = false }).SafetyStock);
    }

    [Fact]
    public void Beyond_the_exhaustive_limit_single_flips_find_the_optimum_of_independent_lanes()
    {
        // Seven DCs (one more than NetworkPlacement.ExhaustiveLimit), each on its own random supplier lane serving one
        // store: the choices do not interact, so flipping one DC at a time from "all cover" reaches the optimum, which is
        // the sum of the seven one-DC brute forces (the same closed forms as the two-store test above). Odd DCs have
        // cheap stores with long cover (they pass), even ones costly stores with short cover (they hold).
        var locations = new Dictionary<string, Location> { ["SUP"] = new("SUP", LocationType.Supplier, 2) };
        var lanes = new List<Lane>();
        var nodes = new List<SkuNodeParameters>();
        var forecasts = new List<SeriesForecast>();
        var chains = new List<(string Dc, string Store, double DcLead, double DcSd, double StoreLead, double StoreH)>();
        for (var d = 1; d <= NetworkPlacement.ExhaustiveLimit + 1; d++)
        {
            var (dc, store) = ($"DC{d}", $"S{d}");
            var passes = d % 2 == 1;
            var chain = (dc, store, passes ? 1.0 : 4.0, passes ? 0.5 : 2.0, passes ? 9.0 : 1.0, passes ? 0.25 : 7.5);
            chains.Add(chain);
            locations[dc] = new Location(dc, LocationType.DistributionCenter, 1);
            locations[store] = new Location(store, LocationType.Store, 0);
            lanes.Add(new Lane(null, "SUP", dc, new LeadTime(chain.Item3, chain.Item4)));
            lanes.Add(new Lane(null, dc, store, new LeadTime(chain.Item5, 0)));
            nodes.Add(new SkuNodeParameters(new SkuNode("A", dc), 10, 0.2, 0.95, null, 1));
            nodes.Add(new SkuNodeParameters(new SkuNode("A", store), chain.Item6 / 0.25, 0.25, 0.95, null, 0));
            forecasts.Add(Forecasts.Normal(new SkuNode("A", store), Levels, 30, 20 + d, 5 + d));
        }

        var input = new PlanningInput(new PlanningSettings(PeriodKind.Day, 30, Levels, 1), locations, lanes, nodes, [], SignalTable.Empty);
        var demand = NodeDemand.Build(NetworkPlan.Build(input), forecasts);
        var rows = new NetworkPlacement().Fallback!.Place(NetworkPlan.Build(input), demand, CancellationToken.None);
        var z = StandardNormal.Quantile(0.95);
        var expected = 0.0;
        foreach (var (dc, store, dcLead, sd, storeLead, storeH) in chains)
        {
            var (mu, variance) = (demand.Mean(new SkuNode("A", store)).Average(), demand.Variance(new SkuNode("A", store)).Average());
            var dcTime = 1 + (int)Math.Ceiling(dcLead);
            var storeTime = (int)Math.Ceiling(storeLead);
            var best = double.PositiveInfinity;
            for (var s = 0; s <= dcTime; s++)
            {
                var storeCost = storeH * z * Math.Sqrt((s + storeTime) * variance);
                best = Math.Min(best, (2 * z * Math.Sqrt(((dcTime - s) * variance) + (mu * mu * sd * sd))) + storeCost);
                if (s == dcTime)
                {
                    best = Math.Min(best, storeH * z * Math.Sqrt(((s + storeTime) * variance) + (mu * mu * sd * sd)));
                }
            }

            expected += best;
            Assert.Equal(int.Parse(dc[2..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1, rows.Single(r => r.Location == dc).SafetyStock == 0.0);
        }

        Assert.Equal(expected, rows.Sum(r => r.HoldingCost), 1e-9 * expected);
    }
}
