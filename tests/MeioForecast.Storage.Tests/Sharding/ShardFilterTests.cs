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
}
