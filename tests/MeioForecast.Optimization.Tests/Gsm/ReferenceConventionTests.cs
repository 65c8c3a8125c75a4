using MeioForecast.Core.Distributions;
using MeioForecast.Optimization.Gsm;

namespace MeioForecast.Optimization.Tests.Gsm;

/// <summary>The reference convention of ../shared/networks/README.md on a diamond, where path counts matter.</summary>
public class ReferenceConventionTests
{
    [Fact]
    public void A_diamond_multiplies_by_the_path_count_before_pooling_and_accumulates_cost_per_unit()
    {
        // a -> b -> d, a -> c -> d; d has demand sigma 2, service level Phi(1.645); two demand stages would pool.
        ReferenceStage[] stages =
        [
            new("a", 3.0, 4.7), new("b", 1.0, 2.0), new("c", 2.0, 1.2),
            new("d", 5.0, 1.0, AverageDemand: 10, DemandStandardDeviation: 2, ServiceLevel: StandardNormal.Cdf(1.645), MaxServiceTime: 0),
        ];
        GsmArc[] arcs = [new("a", "b"), new("a", "c"), new("b", "d"), new("c", "d")];
        var network = ReferenceConvention.Build(stages, arcs, holdingRate: 0.5);

        var k = (GsmStage s) => ((NormalDemandBound)s.DemandBound).K;
        var z = 1.645;
        // phi_ad = 2 paths: k_a = 2 z sigma (not sqrt(2) z sigma); b and c have one path each.
        Assert.Equal(2 * z * 2, k(network.Stages[0]), 1e-9);
        Assert.Equal(z * 2, k(network.Stages[1]), 1e-9);
        Assert.Equal(z * 2, k(network.Stages[3]), 1e-9);
        Assert.Equal(20.0, network.Stages[0].DemandBound.MeanPerPeriod, 1e-12);
        // Cumulative cost: a 3; b 1 + 3; c 2 + 3; d 5 + 4 + 5 = 14; times the rate.
        Assert.Equal([1.5, 2.0, 2.5, 7.0], network.Stages.Select(s => s.HoldingCost));
        // Floor of stage times; the demand stage keeps its maximum service time.
        Assert.Equal([4, 2, 1, 1], network.Stages.Select(s => s.ProcessingTime));
        Assert.Equal(0, network.Stages[3].MaxServiceTime);
        Assert.Null(network.Stages[0].MaxServiceTime);
        Assert.Equal(GsmTopology.GeneralAcyclic, network.Topology);
    }

    [Fact]
    public void Two_demand_stages_pool_by_root_sum_of_squares()
    {
        ReferenceStage[] stages =
        [
            new("dc", 1.0, 3.0),
            new("s1", 1.0, 1.0, AverageDemand: 5, DemandStandardDeviation: 3, ServiceLevel: 0.95),
            new("s2", 1.0, 1.0, AverageDemand: 7, DemandStandardDeviation: 4, ServiceLevel: 0.95),
        ];
        var network = ReferenceConvention.Build(stages, [new("dc", "s1"), new("dc", "s2")]);
        var z = StandardNormal.Quantile(0.95);
        Assert.Equal(z * 5.0, ((NormalDemandBound)network.Stages[0].DemandBound).K, 1e-9); // sqrt(3^2 + 4^2) = 5
        Assert.Equal(GsmTopology.Distribution, network.Topology);
    }
}
