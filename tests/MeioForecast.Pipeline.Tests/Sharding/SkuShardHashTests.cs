using MeioForecast.Pipeline.Sharding;

namespace MeioForecast.Pipeline.Tests.Sharding;

public sealed class SkuShardHashTests
{
    /// <summary>FNV-1a 64 test vectors of the FNV reference (Noll's test suite, reproduced in IETF draft-eastlake-fnv, appendix).</summary>
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void Fnv1a64_matches_the_reference_vectors(string text, ulong expected) =>
        Assert.Equal(expected, SkuShardHash.Fnv1a64(text));

    [Fact]
    public void Shard_is_the_hash_modulo_the_count()
    {
        // 0x85944171f73967e8 = 9625390261332436968; mod 7 = 6 (exact integer arithmetic: python3 -c "print(0x85944171f73967e8 % 7)").
        Assert.Equal(6, SkuShardHash.ShardOf("foobar", 7));
        Assert.Equal(0, SkuShardHash.ShardOf("foobar", 1));
    }

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("2/3", 2, 3)]
    [InlineData("17/100", 17, 100)]
    public void Parse_reads_i_of_n(string text, int index, int count) =>
        Assert.Equal(new ShardSpec(index, count), ShardSpec.Parse(text));

    [Theory]
    [InlineData("3/3")]
    [InlineData("-1/3")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("1/2/3")]
    [InlineData("0/10001")]
    public void Parse_refuses_bad_shards(string text) =>
        Assert.Throws<ArgumentException>(() => ShardSpec.Parse(text));
}
