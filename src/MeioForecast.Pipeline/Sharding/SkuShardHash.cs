using System.Text;

namespace MeioForecast.Pipeline.Sharding;

/// <summary>
/// The stable shard hash of a sku id: 64-bit FNV-1a (Fowler, Noll and Vo; Eastlake, Hansen, Fowler, Vo and Noll 2019,
/// IETF draft-eastlake-fnv) over the UTF-8 bytes of the id, offset basis 0xcbf29ce484222325, prime 0x100000001b3.
/// Unlike <see cref="string.GetHashCode()"/> it is the same on every machine, process and .NET version, so every shard
/// process agrees on which skus it owns.
/// </summary>
public static class SkuShardHash
{
    private const ulong OffsetBasis = 0xcbf29ce484222325UL;
    private const ulong Prime = 0x100000001b3UL;

    /// <summary>FNV-1a 64 of the UTF-8 bytes of <paramref name="value"/>.</summary>
    public static ulong Fnv1a64(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash ^= b;
            hash *= Prime;
        }

        return hash;
    }

    /// <summary>The shard (0-based) of sku <paramref name="sku"/> among <paramref name="shardCount"/>: FNV-1a 64 modulo the count.</summary>
    public static int ShardOf(string sku, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return (int)(Fnv1a64(sku) % (ulong)shardCount);
    }
}
