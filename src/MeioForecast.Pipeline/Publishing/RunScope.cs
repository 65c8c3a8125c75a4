using MeioForecast.Pipeline.Sharding;

namespace MeioForecast.Pipeline.Publishing;

/// <summary>What one job writes: a whole run, or one shard of it (<c>runs/&lt;run-id&gt;/shards/&lt;i&gt;/</c>).</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Shard">The shard, or null for the whole run.</param>
public sealed record RunScope(string RunId, ShardSpec? Shard)
{
    /// <summary>The scope for messages: the run id, with the shard when there is one.</summary>
    public override string ToString() => Shard is { } shard ? $"{RunId} shard {shard}" : RunId;
}
