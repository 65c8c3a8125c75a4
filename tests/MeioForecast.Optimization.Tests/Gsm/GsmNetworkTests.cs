using MeioForecast.Core.Distributions;
using MeioForecast.Optimization.Gsm;

namespace MeioForecast.Optimization.Tests.Gsm;

public class GsmNetworkTests
{
    private static GsmNetwork Network(string[] ids, params (string From, string To)[] arcs) =>
        new([.. ids.Select(id => new GsmStage(id, 1, 1.0, new NormalDemandBound(1.0, 1.0)))], [.. arcs.Select(a => new GsmArc(a.From, a.To))]);

    [Fact]
    public void Topology_is_detected_from_the_arcs()
    {
        Assert.Equal(GsmTopology.Serial, Network(["a", "b", "c"], ("a", "b"), ("b", "c")).Topology);
        Assert.Equal(GsmTopology.Assembly, Network(["a", "b", "c"], ("a", "c"), ("b", "c")).Topology);
        Assert.Equal(GsmTopology.Distribution, Network(["a", "b", "c"], ("a", "b"), ("a", "c")).Topology);
        Assert.Equal(GsmTopology.SpanningTree, Network(["a", "b", "c", "d", "e"], ("a", "c"), ("b", "c"), ("c", "d"), ("c", "e")).Topology);
        // A diamond: no directed cycle, but an undirected one.
        Assert.Equal(GsmTopology.GeneralAcyclic, Network(["a", "b", "c", "d"], ("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")).Topology);
    }

    [Fact]
    public void A_cycle_is_rejected_and_named()
    {
        var ex = Assert.Throws<NetworkCycleException>(() => Network(["a", "b", "c", "d"], ("a", "b"), ("b", "c"), ("c", "d"), ("d", "b")));
        Assert.Equal(["b", "c", "d", "b"], ex.Cycle);
        Assert.Contains("b -> c -> d -> b", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_networks_fail_loudly()
    {
        Assert.Throws<ArgumentException>(() => Network(["a", "a"]));
        Assert.Throws<ArgumentException>(() => Network(["a"], ("a", "x")));
        Assert.Throws<ArgumentException>(() => Network(["a", "b"], ("a", "b"), ("a", "b")));
        Assert.Throws<NetworkCycleException>(() => Network(["a"], ("a", "a")));
    }

    [Fact]
    public void Maximum_replenishment_time_is_the_longest_path_of_processing_times()
    {
        var network = Network(["a", "b", "c", "d"], ("a", "b"), ("b", "d"), ("c", "d"));
        Assert.Equal([1, 2, 1, 3], network.MaxReplenishmentTime);
    }
}
