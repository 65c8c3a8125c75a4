using MeioForecast.Core.Demand;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Simulation.Options;

namespace MeioForecast.Pipeline.Tests;

public class ServiceCalibratorTests
{
    private static readonly QuantileLevel[] Levels = Enumerable.Range(1, 999).Select(i => new QuantileLevel(i / 1000.0)).ToArray();

    // Expedite mode: the stores' service depends on their own base stock only, so closed forms of a single stage apply.
    private static readonly ServiceCheckOptions Options = new() { Replications = 32, Periods = 560, Shortfall = ShortfallPolicy.Expedite };

    private static SeriesForecast Forecast(string store, Func<double, double> quantile)
    {
        var q = new double[28, Levels.Length];
        for (var t = 0; t < 28; t++)
        {
            for (var j = 0; j < Levels.Length; j++)
            {
                q[t, j] = quantile(Levels[j].Value);
            }
        }

        return new SeriesForecast(new SkuNode("A", store), new DateOnly(2026, 1, 1), Levels, q, "test");
    }

    /// <summary>One DC (lane 4 + processing 1) serving two stores over deterministic 2-period lanes.</summary>
    private static PlanningInput Input(double serviceLevel) => TwoStores(
        new LeadTime(4, 0),
        new LeadTime(2, 0),
        new(new SkuNode("A", "DC"), 10, 0.2, 0.9, null, 1),
        new(new SkuNode("A", "S1"), 12, 0.25, serviceLevel, 0, 0),
        new(new SkuNode("A", "S2"), 12, 0.25, serviceLevel, 0, 0));

    /// <summary>Supplier -> DC -> stores S1 and S2 with the given supplier and store lanes.</summary>
    private static PlanningInput TwoStores(LeadTime supplier, LeadTime store, params SkuNodeParameters[] nodes)
    {
        var locations = new Dictionary<string, Location>
        {
            ["SUP"] = new("SUP", LocationType.Supplier, 2),
            ["DC"] = new("DC", LocationType.DistributionCenter, 1),
            ["S1"] = new("S1", LocationType.Store, 0),
            ["S2"] = new("S2", LocationType.Store, 0),
        };
        Lane[] lanes = [new(null, "SUP", "DC", supplier), new(null, "DC", "S1", store), new(null, "DC", "S2", store)];
        return new PlanningInput(new PlanningSettings(PeriodKind.Day, 28, Levels, 7), locations, lanes, nodes, [], SignalTable.Empty);
    }

    private static CalibratedTargets Calibrate(PlanningInput input, SeriesForecast[] forecasts, ServiceCheckOptions? options = null) =>
        new ServiceCalibrator(options ?? Options).Calibrate(
            NetworkPlan.Build(input), NodeDemand.Build(NetworkPlan.Build(input), forecasts), forecasts, new SingleEchelonPlacement(), CancellationToken.None);

    [Fact]
    public void Normal_demand_meets_phi_z_without_calibration()
    {
        // Closed form: normal demand N(40, 12^2), fixed lead time L = 2, B = 2 mu + z sigma sqrt(2) gives cycle service
        // Phi(z) = p exactly (Silver, Pyke & Thomas 2017, sec. 6.7), so the simulated service is p within sampling error
        // and no level is raised.
        var forecasts = new[] { Forecast("S1", p => 40 + 12 * StandardNormal.Quantile(p)), Forecast("S2", p => 40 + 12 * StandardNormal.Quantile(p)) };
        var result = Calibrate(Input(0.95), forecasts);
        foreach (var store in result.Nodes.Where(n => n.CustomerFacing))
        {
            Assert.Equal(0.95, store.AchievedService, 4 * store.StandardError + 0.002);
            Assert.Equal(0.95, store.CalibratedServiceLevel);
        }

        Assert.Equal(2, result.Nodes.Count(n => n.CustomerFacing));
        Assert.Equal(1, result.Rounds);
        Assert.Equal(0, result.Unmet);
        Assert.True(result.MaxStandardError < 0.005);
    }

    [Fact]
    public void Exponential_demand_is_calibrated_up_to_the_exact_quantile()
    {
        // Exponential demand with mean 10 and lead time L = 2: demand over 2 periods is Gamma(2, 10), whose
        // 0.98-quantile is the exact base stock (closed form: P(D > x) = e^(-x/10)(1 + x/10)). The normal bound
        // 2 mu + z sigma sqrt(2) = 20 + 2.054 x 14.14 = 49.05 gives P(D <= 49.05) = 1 - e^-4.905 x 5.905 = 0.956 < 0.98,
        // so the level must be raised; after calibration the base stock lies where the Gamma CDF is in the tolerance band
        // widened by sampling error: F(B) in [0.97, 0.99] <=> B in [53.56, 66.38] (B/10 solves (1 + y) e^-y = 0.03, 0.01;
        // the exact 0.98-quantile is 58.34).
        var forecasts = new[] { Forecast("S1", p => -10 * Math.Log(1 - p)), Forecast("S2", p => -10 * Math.Log(1 - p)) };
        var result = Calibrate(Input(0.98), forecasts);
        foreach (var store in result.Nodes.Where(n => n.CustomerFacing))
        {
            Assert.True(store.CalibratedServiceLevel > 0.98, $"{store.Location}: level not raised ({store.CalibratedServiceLevel})");
            Assert.True(store.AchievedService >= 0.98 - Options.Tolerance, $"{store.Location}: {store.AchievedService}");
            var row = result.Targets.Single(t => t.Location == store.Location);
            Assert.InRange(row.BaseStock, 53.56, 66.38);
            Assert.Equal(0.98, row.ServiceLevel);
            Assert.Equal(store.CalibratedServiceLevel, row.CalibratedServiceLevel);
            Assert.Equal(store.AchievedService, row.AchievedService);
        }

        Assert.True(result.Rounds > 1);
        Assert.Equal(0, result.Unmet);
    }

    private static SeriesForecast[] Exponential() =>
        [Forecast("S1", p => -10 * Math.Log(1 - p)), Forecast("S2", p => -10 * Math.Log(1 - p))];

    [Fact]
    public void Exponential_demand_above_target_is_lowered_to_the_exact_quantile()
    {
        // Exponential demand, mean 10, L = 2: lead-time demand Gamma(2, 10), F(x) = 1 - e^(-x/10)(1 + x/10). At p = 0.80
        // the normal bound 20 + 0.8416 x 14.14 = 31.90 gives F = 0.8275, 2.75 pp above target: downward bracketing lowers
        // the level below 0.80 until the base stock lies where F is in the band widened by sampling error,
        // F(B) in [0.78, 0.82] <=> B in [28.66, 31.34] (the exact 0.80-quantile is 29.94).
        var result = Calibrate(Input(0.80), Exponential());
        foreach (var store in result.Nodes.Where(n => n.CustomerFacing))
        {
            Assert.True(store.CalibratedServiceLevel < 0.80, $"{store.Location}: level not lowered ({store.CalibratedServiceLevel})");
            Assert.InRange(store.AchievedService, 0.80 - Options.Tolerance, 0.82);
            Assert.InRange(result.Targets.Single(t => t.Location == store.Location).BaseStock, 28.66, 31.34);
        }

        Assert.Equal(2, result.Lowered);
        Assert.Equal(0, result.Raised);
        Assert.Equal(0, result.Unmet);
    }

    [Fact]
    public void Without_downward_bracketing_a_node_above_target_keeps_its_level()
    {
        // Same instance: levels only go up, so the stores keep p = 0.80 and B = 31.90 (F = 0.8275, closed form above).
        var result = Calibrate(Input(0.80), Exponential(), Options with { Downward = false });
        foreach (var store in result.Nodes.Where(n => n.CustomerFacing))
        {
            Assert.Equal(0.80, store.CalibratedServiceLevel);
            Assert.Equal(31.90, result.Targets.Single(t => t.Location == store.Location).BaseStock, 0.01);
            Assert.Equal(0.8275, store.AchievedService, 4 * store.StandardError + 0.002);
        }

        Assert.Equal(1, result.Rounds);
    }

    [Fact]
    public void Backorder_mode_raises_the_stores_above_their_expedite_mode_levels()
    {
        // Normal demand N(40, 12^2) at p = 0.95: in expedite mode the stores meet Phi(z) unchanged (first test). In
        // backorder mode the DC (level 0.9) runs short in about 10% of the periods and delays the stores'
        // replenishment, so at p = 0.95 they fall below target; calibration raises them until the band is met.
        var normal = new[] { Forecast("S1", p => 40 + 12 * StandardNormal.Quantile(p)), Forecast("S2", p => 40 + 12 * StandardNormal.Quantile(p)) };
        var backorder = Calibrate(Input(0.95), normal, Options with { Shortfall = ShortfallPolicy.Backorder });
        foreach (var store in backorder.Nodes.Where(n => n.CustomerFacing))
        {
            Assert.True(store.CalibratedServiceLevel > 0.95, $"{store.Location}: {store.CalibratedServiceLevel}");
            Assert.InRange(store.AchievedService, 0.95 - Options.Tolerance, 0.95 + Options.Tolerance);
            Assert.Equal(0.0, store.ExpeditedUnitsPerPeriod);
        }

        Assert.True(backorder.Rounds > 1);
        Assert.Equal(0, backorder.Unmet);
        Assert.True(backorder.SafetyStock > Calibrate(Input(0.95), normal).SafetyStock);
    }

    /// <summary>A placement without a fallback: the classical GSM alone, to show what the fallback changes.</summary>
    private sealed class ClassicalOnly : IStockPlacement
    {
        private readonly NetworkPlacement _inner = new();

        public string Name => _inner.Name;

        public IStockPlacement? Fallback => null;

        public IReadOnlyList<TargetRow> PlaceSku(SkuNetwork network, NodeDemand demand, IReadOnlyDictionary<SkuNode, double>? serviceLevels = null) =>
            _inner.PlaceSku(network, demand, serviceLevels);
    }

    [Fact]
    public void Lateness_a_store_cannot_absorb_is_covered_by_the_fallback()
    {
        // Walmart's case (docs/holdout.md) in small: a costly DC (h = 8) on a random supplier lane N(2, 0.5^2) serves
        // two cheap stores (h = 0.25) with smooth demand N(100, 5^2) over 1 period. The classical GSM has the DC quote
        // S = T = 2 and hold nothing, so about 16 % of its orders (P(L > 2.5) = 1 - Phi(1) = 0.159) reach the stores a
        // period late; a store's buffer is at most z sigma sqrt(3) = 3.72 x 5 x 1.73 = 32 units at the 0.9999 level cap,
        // a third of one period's demand, so its cycle service stays near 1 - 0.159 < 95 % whatever its level. With the
        // lateness covered, passing it on (h_DC z mu_DC sigma_L = 8 x 1.64 x 200 x 0.5 at the DC vs about 0.25 x 1.64 x
        // 2 x 50 at the stores) gives each store z sqrt(3 x 25 + 100^2 x 0.5^2), and calibration reaches the target.
        var input = TwoStores(
            new LeadTime(2, 0.5),
            new LeadTime(1, 0),
            new(new SkuNode("A", "DC"), 40, 0.2, 0.95, null, 0),
            new(new SkuNode("A", "S1"), 1, 0.25, 0.95, 0, 0),
            new(new SkuNode("A", "S2"), 1, 0.25, 0.95, 0, 0));
        var forecasts = new[] { Forecast("S1", p => 100 + 5 * StandardNormal.Quantile(p)), Forecast("S2", p => 100 + 5 * StandardNormal.Quantile(p)) };
        var options = Options with { Shortfall = ShortfallPolicy.Backorder };
        var plan = NetworkPlan.Build(input);
        var demand = NodeDemand.Build(plan, forecasts);

        var classical = new ServiceCalibrator(options).Calibrate(plan, demand, forecasts, new ClassicalOnly(), CancellationToken.None);
        Assert.Equal(2, classical.Unmet);
        Assert.All(classical.Nodes.Where(n => n.CustomerFacing), n => Assert.True(n.AchievedService < 0.92, $"{n.Location}: {n.AchievedService}"));
        Assert.Equal(0, classical.FallbackSkus);

        var covered = new ServiceCalibrator(options).Calibrate(plan, demand, forecasts, new NetworkPlacement(), CancellationToken.None);
        Assert.Equal(1, covered.FallbackSkus);
        Assert.Equal(0, covered.Unmet);
        var dc = covered.Targets.Single(t => t.Location == "DC");
        Assert.Equal(0.0, dc.SafetyStock);
        Assert.Equal(0.0, dc.CoveredLeadTimeSd);
        Assert.All(covered.Targets.Where(t => t.Location != "DC"), t => Assert.Equal(0.5, t.CoveredLeadTimeSd));
    }
}
