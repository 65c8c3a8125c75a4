using System.Security.Cryptography;
using System.Text.Json;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Runs;

/// <summary>
/// Publishes a run on any <see cref="IOutputStore"/>: every file under runs/&lt;run-id&gt;/, then the manifest
/// (create-only), then <c>latest.json</c> by a conditional write that retries on conflict and never replaces a newer run.
/// Re-publishing the same run id skips files already present with the same SHA-256 (resume after a failure).
/// </summary>
public sealed class RunPublisher(IOutputStore store)
{
    private const int MaxLatestAttempts = 20;

    /// <summary>Writes the files and the manifest, then points latest.json at the run. Returns the manifest.</summary>
    public async Task<RunManifest> PublishAsync(
        string runId,
        DateTimeOffset createdUtc,
        string inputFingerprint,
        IReadOnlyDictionary<string, string> settings,
        string softwareVersion,
        IReadOnlyList<RunFile> files,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var entries = new List<ManifestEntry>(files.Count);
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = RunLayout.RunFile(runId, file.Name);
            var sha = Convert.ToHexStringLower(SHA256.HashData(file.Content.Span));
            var existing = await store.TryReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (existing is null || Convert.ToHexStringLower(SHA256.HashData(existing.Content.Span)) != sha)
            {
                await store.WriteAsync(path, file.Content, WriteCondition.None, cancellationToken).ConfigureAwait(false);
            }

            entries.Add(new ManifestEntry(file.Name, file.Content.Length, sha, file.Rows));
        }

        var manifest = new RunManifest(1, runId, createdUtc, inputFingerprint, settings, softwareVersion, entries);
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, RunManifest.JsonOptions);
        cancellationToken.ThrowIfCancellationRequested();
        var manifestPath = RunLayout.Manifest(runId);
        var previous = await store.TryReadAsync(manifestPath, cancellationToken).ConfigureAwait(false);
        if (previous is null)
        {
            await store.WriteAsync(manifestPath, manifestBytes, WriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
        }
        else if (!previous.Content.Span.SequenceEqual(manifestBytes))
        {
            throw new InvalidOperationException($"Run '{runId}' is already complete in {store.Description} with different content; choose another run id.");
        }

        await PointLatestAsync(new LatestPointer(runId, manifestPath, createdUtc), cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    private async Task PointLatestAsync(LatestPointer pointer, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(pointer, RunManifest.JsonOptions);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.TryReadAsync(RunLayout.LatestPath, cancellationToken).ConfigureAwait(false);
            if (current is not null)
            {
                var existing = JsonSerializer.Deserialize<LatestPointer>(current.Content.Span, RunManifest.JsonOptions);
                if (existing is not null && IsNewerOrSame(existing, pointer))
                {
                    return;
                }
            }

            var condition = current is null ? WriteCondition.CreateOnly : WriteCondition.MatchETag(current.ETag);
            try
            {
                await store.WriteAsync(RunLayout.LatestPath, bytes, condition, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (WriteConditionFailedException) when (attempt < MaxLatestAttempts)
            {
                // Another run moved latest.json between our read and write: read again and re-decide.
            }
        }
    }

    private static bool IsNewerOrSame(LatestPointer existing, LatestPointer candidate) =>
        existing.CreatedUtc > candidate.CreatedUtc
        || (existing.CreatedUtc == candidate.CreatedUtc && string.CompareOrdinal(existing.RunId, candidate.RunId) >= 0);
}
