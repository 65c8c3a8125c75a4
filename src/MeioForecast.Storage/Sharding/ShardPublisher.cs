using System.Security.Cryptography;
using System.Text.Json;
using MeioForecast.Pipeline.Sharding;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Sharding;

/// <summary>
/// Publishes one shard of a sharded run: its files under <c>runs/&lt;run-id&gt;/shards/&lt;i&gt;/</c>, then the shard's
/// manifest (create-only, same format as a run manifest plus the setting <c>shard</c> = i/N). It never touches the
/// run's own files, manifest or <c>latest.json</c>: that is <see cref="ShardFinalizer"/>'s job. Re-publishing a shard
/// skips files already present with the same SHA-256 (resume).
/// </summary>
public sealed class ShardPublisher(IOutputStore store)
{
    /// <summary>Writes the shard's files and manifest; returns the manifest (the existing one when it describes the same shard).</summary>
    public async Task<RunManifest> PublishAsync(string runId, ShardSpec shard, RunManifest manifestWithoutFiles, IReadOnlyList<RunFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifestWithoutFiles);
        ArgumentNullException.ThrowIfNull(files);
        var entries = new List<ManifestEntry>(files.Count);
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = ShardLayout.ShardFile(runId, shard.Index, file.Name);
            var sha = Convert.ToHexStringLower(SHA256.HashData(file.Content.Span));
            var existing = await store.TryReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (existing is null || Convert.ToHexStringLower(SHA256.HashData(existing.Content.Span)) != sha)
            {
                await store.WriteAsync(path, file.Content, WriteCondition.None, cancellationToken).ConfigureAwait(false);
            }

            entries.Add(new ManifestEntry(file.Name, file.Content.Length, sha, file.Rows));
        }

        var settings = new SortedDictionary<string, string>(manifestWithoutFiles.Settings.ToDictionary(), StringComparer.Ordinal)
        {
            [ShardLayout.ShardSetting] = shard.ToString(),
        };
        var manifest = manifestWithoutFiles with { RunId = runId, Settings = settings, Files = entries };
        var manifestPath = ShardLayout.ShardManifest(runId, shard.Index);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await store.WriteAsync(manifestPath, JsonSerializer.SerializeToUtf8Bytes(manifest, RunManifest.JsonOptions), WriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
            return manifest;
        }
        catch (WriteConditionFailedException)
        {
            var previous = await store.TryReadAsync(manifestPath, cancellationToken).ConfigureAwait(false);
            var existing = previous is null ? null : JsonSerializer.Deserialize<RunManifest>(previous.Content.Span, RunManifest.JsonOptions);
            if (existing is null || existing.InputFingerprint != manifest.InputFingerprint || !existing.Files.SequenceEqual(manifest.Files))
            {
                throw new InvalidOperationException($"Shard {shard} of run '{runId}' is already complete in {store.Description} with different content; choose another run id.");
            }

            return existing;
        }
    }

    /// <summary>
    /// The manifest of shard <paramref name="shard"/> when it is already complete and every file matches it (a re-run
    /// of a finished shard plans nothing); null when it has no manifest, or when a file no longer matches it: then the
    /// stale manifest is deleted so the shard is planned and written again (call under the shard's lock).
    /// </summary>
    public async Task<RunManifest?> TryReadCompleteAsync(string runId, ShardSpec shard, CancellationToken cancellationToken)
    {
        try
        {
            var read = await ShardReader.TryReadAsync(store, runId, shard.Index, cancellationToken).ConfigureAwait(false);
            return read?.Manifest;
        }
        catch (InvalidDataException)
        {
            await store.DeleteAsync(ShardLayout.ShardManifest(runId, shard.Index), cancellationToken).ConfigureAwait(false);
            return null;
        }
    }
}
