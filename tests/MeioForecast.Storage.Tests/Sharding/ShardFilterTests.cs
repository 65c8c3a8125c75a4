using MeioForecast.Pipeline.Sharding;
using MeioForecast.Storage.Input;

namespace MeioForecast.Storage.Tests.Sharding;

public sealed class ShardFilterTests
{
    [Fact]
    public void Shards_partition_the_sample_by_whole_skus()
    {
        var input = PlanningInputLoader.Load(System.IO.Path.Combine(RepositoryRoot.Path, "data-samples"));
        foreach (var count in new[] { 1, 2, 3, 7 })
        {
            var parts = Enumerable.Range(0, count).Select(i => ShardFilter.Apply(input, new ShardSpec(i, count))).ToArray();

            // Every sku-node and series lands in exactly one shard, and the shard of a sku is its FNV-1a hash mod N.
            Assert.Equal(input.SkuNodes.Select(n => n.Key).Order(), parts.SelectMany(p => p.SkuNodes.Select(n => n.Key)).Order());
            Assert.Equal(input.Demand.Select(d => d.Key).Order(), parts.SelectMany(p => p.Demand.Select(d => d.Key)).Order());
            for (var i = 0; i < count; i++)
            {
                Assert.All(parts[i].SkuNodes, n => Assert.Equal(i, (int)(SkuShardHash.Fnv1a64(n.Key.Sku) % (ulong)count)));
            }
        }
    }

    /// <summary>
    /// The streaming shard loader (filters demand and signals while parsing) against its definition, the whole input
    /// loaded and then filtered: same sku-nodes, same series (start, length, every quantity), same forecast origin, and the
    /// same signal values for every sku-node of the shard on every date (the other shards' sku-scoped values are dropped).
    /// </summary>
    [Fact]
    public void Loading_one_shard_while_parsing_equals_filtering_the_whole_input()
    {
        var folder = System.IO.Path.Combine(RepositoryRoot.Path, "data-samples");
        var whole = PlanningInputLoader.Load(folder);
        foreach (var shard in new[] { new ShardSpec(0, 1), new ShardSpec(1, 3), new ShardSpec(2, 3) })
        {
            var expected = ShardFilter.Apply(whole, shard);
            var streamed = PlanningInputLoader.Load(folder, shard);
            Assert.Equal(expected.SkuNodes, streamed.SkuNodes);
            Assert.Equal(whole.HistoryEnd, streamed.HistoryEnd);
            Assert.Equal(expected.Demand.Count, streamed.Demand.Count);
            for (var i = 0; i < expected.Demand.Count; i++)
            {
                Assert.Equal(expected.Demand[i].Key, streamed.Demand[i].Key);
                Assert.Equal(expected.Demand[i].Start, streamed.Demand[i].Start);
                Assert.Equal(expected.Demand[i].Quantities, streamed.Demand[i].Quantities);
            }

            Assert.Equal(whole.Signals.Kinds, streamed.Signals.Kinds);
            if (shard.Count > 1)
            {
                Assert.True(streamed.Signals.Count < whole.Signals.Count, "another shard's sku-scoped signal values are not kept");
            }

            var start = whole.Demand.Min(d => d.Start);
            foreach (var node in streamed.SkuNodes.Where((_, k) => k % 5 == 0))
            {
                foreach (var name in whole.Signals.Names)
                {
                    Assert.Equal(
                        whole.Signals.Series(name, node.Key, Core.Planning.PeriodKind.Day, start, 760),
                        streamed.Signals.Series(name, node.Key, Core.Planning.PeriodKind.Day, start, 760));
                }
            }
        }
    }
}
