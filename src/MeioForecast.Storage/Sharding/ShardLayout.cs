using System.Globalization;
using MeioForecast.Pipeline.Sharding;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Sharding;

/// <summary>
/// Paths of a sharded run: shard i writes <c>runs/&lt;run-id&gt;/shards/&lt;i&gt;/</c> (its files, then its
/// <c>manifest.json</c> last, create-only); <c>meio finalize</c> merges them into <c>runs/&lt;run-id&gt;/</c>.
/// </summary>
public static class ShardLayout
{
    /// <summary>The folder holding every shard of run <paramref name="runId"/>.</summary>
    public static string ShardsFolder(string runId) => RunLayout.RunFile(runId, "shards");

    /// <summary>Path of the folder of shard <paramref name="index"/>.</summary>
    public static string ShardFolder(string runId, int index) => ObjectPath.Combine(ShardsFolder(runId), index.ToString(CultureInfo.InvariantCulture));

    /// <summary>Path of file <paramref name="name"/> of shard <paramref name="index"/>.</summary>
    public static string ShardFile(string runId, int index, string name) =>
        ObjectPath.Combine(ShardsFolder(runId), index.ToString(CultureInfo.InvariantCulture), name);

    /// <summary>Path of the manifest of shard <paramref name="index"/>.</summary>
    public static string ShardManifest(string runId, int index) => ShardFile(runId, index, RunLayout.ManifestName);

    /// <summary>Path of the lock of shard <paramref name="shard"/> (held while the shard plans and publishes).</summary>
    public static string ShardLock(string runId, ShardSpec shard) => ShardFile(runId, shard.Index, RunLock.LockName);

    /// <summary>The manifest setting naming the shard, <c>i/N</c>.</summary>
    public const string ShardSetting = "shard";
}
