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
        await ThrowIfCompleteWithOtherInputAsync(runId, inputFingerprint, cancellationToken).ConfigureAwait(false);
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
            try
            {
                await store.WriteAsync(manifestPath, manifestBytes, WriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
            }
            catch (WriteConditionFailedException)
            {
                // Written meanwhile: by our own attempt whose answer was lost (a retried create-only write), or by
                // another worker that ignored the run lock. Either way, accept it only when it describes the same run.
                previous = await store.TryReadAsync(manifestPath, cancellationToken).ConfigureAwait(false);
            }
        }

        if (previous is not null)
        {
            var existing = JsonSerializer.Deserialize<RunManifest>(previous.Content.Span, RunManifest.JsonOptions);
            if (existing is not null && existing.InputFingerprint != inputFingerprint)
            {
                throw new RunInputMismatchException(runId, store.Description, existing.InputFingerprint, inputFingerprint);
            }

            if (existing is null || !SameRun(existing, manifest))
            {
                throw new InvalidOperationException($"Run '{runId}' is already complete in {store.Description} with different content; choose another run id.");
            }

            manifest = existing;
        }

        await PointLatestAsync(new LatestPointer(runId, manifestPath, manifest.CreatedUtc) { CompletedUtc = DateTimeOffset.UtcNow }, cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    /// <summary>
    /// Points latest.json at <paramref name="pointer"/> unless it points at a run that completed later: latest.json moves
    /// only forward in completion order. Temporary files of latest.json writes killed more than a minute ago are removed.
    /// </summary>
    private async Task PointLatestAsync(LatestPointer pointer, CancellationToken cancellationToken)
    {
        await store.RemoveTemporaryFilesAsync("", TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
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
                // Another run moved latest.json between our read and write: back off (with jitter), read again, re-decide.
                var delay = TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * Math.Min(attempt, 10));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Completes run <paramref name="runId"/> when its manifest exists already (a re-run after a failure between the
    /// manifest and latest.json): verifies every file against the manifest, points latest.json at it and returns the
    /// manifest, so no planning is repeated. Returns null when the run has no manifest yet.
    /// Throws <see cref="InvalidDataException"/> when the manifest exists but a file does not match it.
    /// </summary>
    public Task<RunManifest?> TryCompleteExistingAsync(string runId, CancellationToken cancellationToken) => TryCompleteExistingAsync(runId, null, cancellationToken);

    /// <summary>
    /// <see cref="TryCompleteExistingAsync(string, CancellationToken)"/>, first checking that the run was planned from the
    /// input <paramref name="inputFingerprint"/> (when given): a run complete with another input throws
    /// <see cref="RunInputMismatchException"/> naming both fingerprints, and latest.json is not touched.
    /// </summary>
    public async Task<RunManifest?> TryCompleteExistingAsync(string runId, string? inputFingerprint, CancellationToken cancellationToken)
    {
        if (await store.TryReadAsync(RunLayout.Manifest(runId), cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var verified = await new RunReader(store).ReadAsync(runId, cancellationToken).ConfigureAwait(false);
        if (inputFingerprint is not null && verified.Manifest.InputFingerprint != inputFingerprint)
        {
            throw new RunInputMismatchException(runId, store.Description, verified.Manifest.InputFingerprint, inputFingerprint);
        }

        // Its completion time is unknown (lost with the process that wrote the manifest): it completed no earlier than
        // it started, so it may only replace a latest run that completed before this one was even created.
        await PointLatestAsync(new LatestPointer(runId, RunLayout.Manifest(runId), verified.Manifest.CreatedUtc), cancellationToken).ConfigureAwait(false);
        return verified.Manifest;
    }

    /// <summary>A complete run's files are never overwritten by a plan of another input: checked before the first write.</summary>
    private async Task ThrowIfCompleteWithOtherInputAsync(string runId, string inputFingerprint, CancellationToken cancellationToken)
    {
        if (await store.TryReadAsync(RunLayout.Manifest(runId), cancellationToken).ConfigureAwait(false) is { } stored
            && JsonSerializer.Deserialize<RunManifest>(stored.Content.Span, RunManifest.JsonOptions) is { } existing
            && existing.InputFingerprint != inputFingerprint)
        {
            throw new RunInputMismatchException(runId, store.Description, existing.InputFingerprint, inputFingerprint);
        }
    }

    /// <summary>Same run: id, input fingerprint, settings and files (names, sizes, hashes); times and versions may differ.</summary>
    private static bool SameRun(RunManifest a, RunManifest b) =>
        a.RunId == b.RunId
        && a.InputFingerprint == b.InputFingerprint
        && a.Files.SequenceEqual(b.Files)
        && a.Settings.Count == b.Settings.Count
        && a.Settings.All(kv => b.Settings.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>
    /// Whether <paramref name="existing"/> stays: the same run, or a run that completed later than the candidate did.
    /// A pointer without a completion time (written before it was recorded, or a re-pointed run) counts from its
    /// creation time, the earliest it can have completed.
    /// </summary>
    private static bool IsNewerOrSame(LatestPointer existing, LatestPointer candidate)
    {
        if (existing.RunId == candidate.RunId)
        {
            return true;
        }

        var existingDone = existing.CompletedUtc ?? existing.CreatedUtc;
        var candidateDone = candidate.CompletedUtc ?? candidate.CreatedUtc;
        return existingDone > candidateDone || (existingDone == candidateDone && string.CompareOrdinal(existing.RunId, candidate.RunId) > 0);
    }
}
