using MeioForecast.Core.Network;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Storage.Explanations;
using MeioForecast.Storage.Output;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Sharding;

/// <summary>
/// Run-level files of a sharded run. A shard writes the run's per-sku files (merged row-wise by
/// <see cref="ShardCsvMerger"/>) and, instead of the run-level summaries (explanation_summary.csv, metrics.json), partial
/// files named <c>partial_*</c> that merge exactly: <see cref="ExplanationSummaryPartial"/> (exact ranking keys) and
/// <see cref="ServiceMetricsPartial"/> (per-node values in full precision). <c>meio finalize</c> turns them into the
/// run-level files with the single run's own writers, so the finalized run is byte-identical to a single-process run,
/// every file included. Partial files stay in the shard folders; they are not run files.
/// </summary>
public static class ShardPartials
{
    /// <summary>The name prefix of a shard's partial files.</summary>
    public const string Prefix = "partial_";

    /// <summary>True when <paramref name="name"/> is a partial file (consumed by finalize, not merged row-wise).</summary>
    public static bool IsPartial(string name) => name?.StartsWith(Prefix, StringComparison.Ordinal) ?? false;

    /// <summary>
    /// The files a shard publishes: <paramref name="runFiles"/> (what a single run of the shard's input would write)
    /// with the run-level summaries replaced by their partial files.
    /// </summary>
    public static List<RunFile> ForShard(IEnumerable<RunFile> runFiles, IReadOnlyList<NodeExplanation> explanations, ServiceReport? service, IReadOnlyDictionary<string, Location> locations)
    {
        ArgumentNullException.ThrowIfNull(runFiles);
        var files = runFiles.Where(f => f.Name is not (ExplanationSummaryCsv.FileName or ServiceMetricsJson.FileName)).ToList();
        files.AddRange(ExplanationSummaryPartial.Write(explanations));
        if (service is not null)
        {
            files.AddRange(ServiceMetricsPartial.Write(service, locations));
        }

        return files;
    }

    /// <summary>The run-level files rebuilt from every shard's partial files (index = shard; all shards list the same partials).</summary>
    public static IReadOnlyList<RunFile> Merge(IReadOnlyList<IReadOnlyDictionary<string, ReadOnlyMemory<byte>>> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var result = new List<RunFile>();
        if (shards[0].ContainsKey(ExplanationSummaryPartial.SummaryFileName))
        {
            result.Add(ExplanationSummaryPartial.Merge(shards.Select(s => (s[ExplanationSummaryPartial.SummaryFileName], s[ExplanationSummaryPartial.KeysFileName])).ToArray()));
        }

        if (shards[0].ContainsKey(ServiceMetricsPartial.NodesFileName))
        {
            result.Add(ServiceMetricsPartial.Merge(shards.Select(s => (s[ServiceMetricsPartial.NodesFileName], s[ServiceMetricsPartial.HeaderFileName])).ToArray()));
        }

        return result;
    }
}
