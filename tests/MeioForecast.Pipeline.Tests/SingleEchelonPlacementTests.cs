using MeioForecast.Core.Demand;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.Tests.Builders;

namespace MeioForecast.Pipeline.Tests;

public class SingleEchelonPlacementTests
{
    private static readonly QuantileLevel[] Levels = Forecasts.Grid(1000); // fine, so interpolation is exact enough for the closed forms

    private static PlanningInput Input(double storeLeadTime, double storeLeadTimeSd, double serviceLevel)
    {
        var locations = new Dictionary<string, Location>
        {
            ["SUP"] = new("SUP", LocationType.Supplier, 2),
            ["DC"] = new("DC", LocationType.DistributionCenter, 1),
            ["S1"] = new("S1", LocationType.Store, 0),
            ["S2"] = new("S2", LocationType.Store, 0),
        };
        Lane[] lanes =
        [
            new(null, "SUP", "DC", new LeadTime(4, 0)),
            new(null, "DC", "S1", new LeadTime(storeLeadTime, storeLeadTimeSd)),
            new(null, "DC", "S2", new LeadTime(storeLeadTime, storeLeadTimeSd)),
        ];
        SkuNodeParameters[] nodes =
        [
            new(new SkuNode("A", "DC"), 10, 0.2, serviceLevel, null, 1),
            new(new SkuNode("A", "S1"), 12, 0.25, serviceLevel, 0, 0),
            new(new SkuNode("A", "S2"), 12, 0.25, serviceLevel, 0, 0),
        ];
        var settings = new PlanningSettings(PeriodKind.Day, 20, Levels, 1);
        return new PlanningInput(settings, locations, lanes, nodes, [], SignalTable.Empty);
    }

    private static IReadOnlyList<Pipeline.TargetRow> Place(PlanningInput input, double mu, double sigma)
    {
        var forecasts = new[] { Forecasts.Normal(new SkuNode("A", "S1"), Levels, 20, mu, sigma), Forecasts.Normal(new SkuNode("A", "S2"), Levels, 20, mu, sigma) };
        var demand = NodeDemand.Build(NetworkPlan.Build(input), forecasts);
        return new SingleEchelonPlacement().Place(NetworkPlan.Build(input), demand, CancellationToken.None);
    }

    [Theory]
    [InlineData(1.0, 0.95)]
    [InlineData(3.0, 0.98)]
    [InlineData(2.5, 0.9)]
    public void Normal_demand_with_fixed_lead_time_gives_z_sigma_sqrt_L(double leadTime, double serviceLevel)
    {
        // Closed form (e.g. Silver, Pyke & Thomas 2017, eq. 6.x): SS = z_p * sigma * sqrt(L).
        const double mu = 40, sigma = 12;
        var targets = Place(Input(leadTime, 0, serviceLevel), mu, sigma);
        var store = targets.Single(t => t.Location == "S1");
        var z = StandardNormal.Quantile(serviceLevel);
        // The forecast's quantiles sample N(mu, sigma) on levels 0.001..0.999 only; the demand distribution rebuilt from
        // them (piecewise linear inside, exponential/GPD tails beyond) matches N's mean and sd to well within 1%.
        Assert.Equal(z * sigma * Math.Sqrt(leadTime), store.SafetyStock, 0.01 * z * sigma * Math.Sqrt(leadTime));
        Assert.Equal(mu, store.MeanDemandPerPeriod, 1e-3 * mu);
        Assert.Equal(leadTime * store.MeanDemandPerPeriod + store.SafetyStock, store.BaseStock, 1e-9 * mu);
        Assert.Equal(leadTime, store.NetReplenishmentTime);
        Assert.Equal(store.SafetyStock * 12 * 0.25, store.HoldingCost, 1e-9);
    }

    [Fact]
    public void Lead_time_variability_adds_mu_squared_sigma_L_squared()
    {
        // Var(LTD) = L sigma^2 + mu^2 sigma_L^2 (random lead time, independent of demand).
        const double mu = 40, sigma = 12, l = 2, sl = 0.8;
        var store = Place(Input(l, sl, 0.95), mu, sigma).Single(t => t.Location == "S1");
        var expected = StandardNormal.Quantile(0.95) * Math.Sqrt(l * sigma * sigma + mu * mu * sl * sl);
        Assert.Equal(expected, store.SafetyStock, 0.01 * expected);
    }

    [Fact]
    public void The_distribution_center_sees_the_pooled_demand_of_its_stores()
    {
        // Two independent stores N(40, 12^2): DC demand N(80, 2 * 12^2); DC lead time = 4 (lane) + 1 (processing).
        var dc = Place(Input(1, 0, 0.95), 40, 12).Single(t => t.Location == "DC");
        Assert.Equal(80, dc.MeanDemandPerPeriod, 0.01);
        Assert.Equal(5, dc.NetReplenishmentTime);
        var expected = StandardNormal.Quantile(0.95) * Math.Sqrt(2 * 144.0) * Math.Sqrt(5);
        Assert.Equal(expected, dc.SafetyStock, 0.01 * expected);
    }

    [Fact]
    public void Horizon_window_moments_are_the_mixture_over_cyclic_start_periods()
    {
        // Law of total variance, worked by hand: a 2-period cycle with means (10, 30) and variances (4, 16), L = 1:
        // the window is period 0 or period 1 with probability 1/2 each, so mean 20 and variance (4 + 16)/2 + 10^2 = 110.
        var (m1, v1) = SingleEchelonPlacement.HorizonLeadTimeDemandMoments([10, 30], [4, 16], 1, 0);
        Assert.Equal(20, m1, 12);
        Assert.Equal(110, v1, 12);

        // L = 2 covers the whole cycle from either start: mean 40, variance 20, no spread between windows.
        var (m2, v2) = SingleEchelonPlacement.HorizonLeadTimeDemandMoments([10, 30], [4, 16], 2, 0);
        Assert.Equal(40, m2, 12);
        Assert.Equal(20, v2, 12);

        // L = 1.5 (pro rata last period): windows 10 + 15 = 25 (var 4 + 8 = 12) and 30 + 5 = 35 (var 16 + 2 = 18);
        // mean 30, variance 15 + 5^2 = 40, plus the lead-time term (30 / 1.5)^2 x 0.5^2 = 100.
        var (m3, v3) = SingleEchelonPlacement.HorizonLeadTimeDemandMoments([10, 30], [4, 16], 1.5, 0.5);
        Assert.Equal(30, m3, 12);
        Assert.Equal(140, v3, 12);
    }

    [Fact]
    public void Fractional_lead_time_counts_pro_rata_and_past_the_horizon_repeats_the_last_period()
    {
        var (m, v) = SingleEchelonPlacement.LeadTimeDemandMoments([1, 2, 3], [10, 20, 30], 4.5, 0);
        Assert.Equal(1 + 2 + 3 + 3 + 0.5 * 3, m, 12);
        Assert.Equal(10 + 20 + 30 + 30 + 0.5 * 30, v, 12);
    }
}
