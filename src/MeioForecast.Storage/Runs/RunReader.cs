using System.Security.Cryptography;
using System.Text.Json;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Runs;

/// <summary>Reads complete runs: a run is trusted only when its manifest exists and every file matches its hash.</summary>
public sealed class RunReader(IOutputStore store)
{
    /// <summary>The run latest.json points to, verified; null when there is none.</summary>
    public async Task<VerifiedRun?> TryReadLatestAsync(CancellationToken cancellationToken)
    {
        var latest = await store.TryReadAsync(RunLayout.LatestPath, cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            return null;
        }

        var pointer = JsonSerializer.Deserialize<LatestPointer>(latest.Content.Span, RunManifest.JsonOptions)
            ?? throw new InvalidDataException($"{RunLayout.LatestPath} in {store.Description} is empty.");
        return await ReadAsync(pointer.RunId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads and verifies run <paramref name="runId"/>; throws <see cref="InvalidDataException"/> when incomplete or corrupt.</summary>
    public async Task<VerifiedRun> ReadAsync(string runId, CancellationToken cancellationToken)
    {
        var manifestObject = await store.TryReadAsync(RunLayout.Manifest(runId), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Run '{runId}' in {store.Description} has no manifest: it is not complete.");
        var manifest = JsonSerializer.Deserialize<RunManifest>(manifestObject.Content.Span, RunManifest.JsonOptions)
            ?? throw new InvalidDataException($"The manifest of run '{runId}' is empty.");
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var entry in manifest.Files)
        {
            var file = await store.TryReadAsync(RunLayout.RunFile(runId, entry.Path), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"Run '{runId}': file '{entry.Path}' listed in the manifest is missing.");
            var sha = Convert.ToHexStringLower(SHA256.HashData(file.Content.Span));
            if (file.Content.Length != entry.Size || sha != entry.Sha256)
            {
                throw new InvalidDataException($"Run '{runId}': file '{entry.Path}' does not match its manifest (size {file.Content.Length} vs {entry.Size}, sha256 {sha} vs {entry.Sha256}).");
            }

            files[entry.Path] = file.Content;
        }

        return new VerifiedRun(manifest, files);
    }
}
