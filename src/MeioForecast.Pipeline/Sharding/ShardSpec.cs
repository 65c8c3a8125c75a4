using System.Globalization;

namespace MeioForecast.Pipeline.Sharding;

/// <summary>
/// One shard of a sharded run: <c>Index</c> of <c>Count</c>, written <c>i/N</c> with 0 &lt;= i &lt; N (0-based, like a
/// Kubernetes Indexed Job's JOB_COMPLETION_INDEX). N is at most <see cref="MaxCount"/>.
/// </summary>
/// <param name="Index">0-based shard index.</param>
/// <param name="Count">Number of shards N.</param>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>Largest shard count accepted.</summary>
    public const int MaxCount = 10_000;

    /// <summary>Throws <see cref="ArgumentException"/> unless 1 &lt;= N &lt;= <see cref="MaxCount"/> and 0 &lt;= i &lt; N.</summary>
    public ShardSpec Validate()
    {
        if (Count is < 1 or > MaxCount || Index < 0 || Index >= Count)
        {
            throw new ArgumentException($"Shard {Index}/{Count} is invalid: use i/N with 1 <= N <= {MaxCount} and 0 <= i < N (0-based).");
        }

        return this;
    }

    /// <summary>Parses <c>i/N</c>; throws <see cref="ArgumentException"/> naming the expected form.</summary>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new ArgumentException($"--shard '{text}' must be i/N, e.g. 0/4 (0-based index i of N shards).");
        }

        return new ShardSpec(index, count).Validate();
    }

    /// <summary>True when <paramref name="sku"/> belongs to this shard (its grouping key's hash, see <see cref="ShardFilter"/>).</summary>
    public bool Owns(string sku) => SkuShardHash.ShardOf(ShardFilter.GroupKey(sku), Count) == Index;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
