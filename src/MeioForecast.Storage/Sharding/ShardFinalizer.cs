using System.Globalization;
using MeioForecast.Pipeline.Sharding;
using MeioForecast.Storage.Reports;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Sharding;

/// <summary>
/// <c>meio finalize</c>: verifies every shard of a sharded run against its manifest, merges the shards' files into the
/// run's files (<see cref="ShardCsvMerger"/> for per-sku files, <see cref="ShardPartials"/> for the run-level summaries:
/// byte-identical to a single-process run of the same input and settings, every file included),
/// and publishes the run with <see cref="RunPublisher"/> (files, manifest create-only, latest.json conditional). When a
/// shard is missing, corrupt or inconsistent it throws <see cref="ShardsIncompleteException"/> listing every problem and
/// writes nothing. A run already finalized is only verified and pointed to again.
/// </summary>
public sealed class ShardFinalizer(IOutputStore store)
{
    /// <summary>Settings that legitimately differ between shards and are combined by the finalizer.</summary>
    private static readonly HashSet<string> ShardLocalSettings = new(StringComparer.Ordinal) { ShardLayout.ShardSetting, "forecaster", "forecast_origin" };

    /// <summary>Finalizes run <paramref name="runId"/> of <paramref name="shardCount"/> shards; returns the run manifest.</summary>
    public async Task<RunManifest> FinalizeAsync(string runId, int shardCount, CancellationToken cancellationToken)
    {
        RunLayout.ValidateRunId(runId);
        new ShardSpec(0, shardCount).Validate();
        var publisher = new RunPublisher(store);
        if (await publisher.TryCompleteExistingAsync(runId, cancellationToken).ConfigureAwait(false) is { } complete)
        {
            return complete;
        }

        var problems = new List<string>();
        var shards = new VerifiedRun?[shardCount];
        for (var i = 0; i < shardCount; i++)
        {
            try
            {
                shards[i] = await ShardReader.TryReadAsync(store, runId, i, cancellationToken).ConfigureAwait(false);
                if (shards[i] is null)
                {
                    problems.Add($"shard {i}/{shardCount} has no manifest ({ShardLayout.ShardManifest(runId, i)}): it did not complete; run `meio run --shard {i}/{shardCount} --run-id {runId}` again.");
                }
                else if (shards[i]!.Manifest.Settings.GetValueOrDefault(ShardLayout.ShardSetting) != new ShardSpec(i, shardCount).ToString())
                {
                    problems.Add($"shard {i}: its manifest says shard '{shards[i]!.Manifest.Settings.GetValueOrDefault(ShardLayout.ShardSetting)}', not {i}/{shardCount}: the shards were run with another shard count.");
                }
            }
            catch (InvalidDataException ex)
            {
                problems.Add(ex.Message);
            }
        }

        await foreach (var info in store.ListAsync(ShardLayout.ShardsFolder(runId) + "/", cancellationToken).ConfigureAwait(false))
        {
            var rest = info.Path[(ShardLayout.ShardsFolder(runId).Length + 1)..];
            var index = rest.Split('/')[0];
            if (rest.EndsWith("/" + RunLayout.ManifestName, StringComparison.Ordinal)
                && (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i >= shardCount))
            {
                problems.Add($"shard folder '{index}' has a manifest but --shards is {shardCount}: the shards were run with another shard count.");
            }
        }

        if (problems.Count == 0)
        {
            Consistency(shards!, problems);
        }

        if (problems.Count > 0)
        {
            throw new ShardsIncompleteException(runId, problems);
        }

        var first = shards[0]!.Manifest;
        IReadOnlyList<RunFile> files;
        try
        {
            files = first.Files.Where(f => !ShardPartials.IsPartial(f.Path))
                .Select(f => ShardCsvMerger.Merge(f.Path, shards.Select(s => s!.Files[f.Path]).ToArray()))
                .Concat(ShardPartials.Merge(shards.Select(s => s!.Files).ToArray()))
                .ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new ShardsIncompleteException(runId, [ex.Message]);
        }

        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in first.Settings.Where(kv => !ShardLocalSettings.Contains(kv.Key)))
        {
            settings[key] = value;
        }

        if (first.Settings.ContainsKey("forecaster"))
        {
            var methods = shards.SelectMany(s => s!.Manifest.Settings["forecaster"].Split(';')).Where(m => m != "none").Distinct().Order(StringComparer.Ordinal).ToArray();
            settings["forecaster"] = methods.Length == 0 ? "none" : string.Join(';', methods);
        }

        if (first.Settings.ContainsKey("forecast_origin"))
        {
            settings["forecast_origin"] = shards.Select(s => s!.Manifest.Settings["forecast_origin"]).Max(StringComparer.Ordinal)!;
        }

        var created = shards.Min(s => s!.Manifest.CreatedUtc);
        if (files.Any(f => f.Name == "targets.csv") && files.Any(f => f.Name == "forecasts.csv"))
        {
            // A planning run's shards: add report.html from the merged files (docs/report.md). Other merges carry no report.
            files = [.. files, RunReportFile.Create(runId, created, first.SoftwareVersion, settings, files, input: null)];
        }
        cancellationToken.ThrowIfCancellationRequested();
        return await publisher.PublishAsync(runId, created, first.InputFingerprint, settings, first.SoftwareVersion, files, cancellationToken).ConfigureAwait(false);
    }

    private static void Consistency(IReadOnlyList<VerifiedRun> shards, List<string> problems)
    {
        var first = shards[0].Manifest;
        var names = first.Files.Select(f => f.Path).ToArray();
        for (var i = 1; i < shards.Count; i++)
        {
            var m = shards[i].Manifest;
            if (m.InputFingerprint != first.InputFingerprint)
            {
                problems.Add($"shard {i} planned another input than shard 0 (input fingerprint {m.InputFingerprint[..Math.Min(12, m.InputFingerprint.Length)]} vs {first.InputFingerprint[..Math.Min(12, first.InputFingerprint.Length)]}).");
            }

            if (m.SoftwareVersion != first.SoftwareVersion)
            {
                problems.Add($"shard {i} was written by software version {m.SoftwareVersion}, shard 0 by {first.SoftwareVersion}.");
            }

            if (!m.Files.Select(f => f.Path).SequenceEqual(names))
            {
                problems.Add($"shard {i} has files [{string.Join(", ", m.Files.Select(f => f.Path))}], shard 0 has [{string.Join(", ", names)}].");
            }

            foreach (var key in first.Settings.Keys.Union(m.Settings.Keys).Where(k => !ShardLocalSettings.Contains(k)).Order(StringComparer.Ordinal))
            {
                if (first.Settings.GetValueOrDefault(key) != m.Settings.GetValueOrDefault(key))
                {
                    problems.Add($"shard {i} has setting {key}='{m.Settings.GetValueOrDefault(key)}', shard 0 has '{first.Settings.GetValueOrDefault(key)}'.");
                }
            }
        }
    }
}
