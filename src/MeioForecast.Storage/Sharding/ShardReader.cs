using System.Security.Cryptography;
using System.Text.Json;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Sharding;

/// <summary>Reads one shard of a run and verifies every file against the shard's manifest (size and SHA-256).</summary>
public static class ShardReader
{
    /// <summary>
    /// The verified shard, or null when its manifest does not exist (the shard did not complete). Throws
    /// <see cref="InvalidDataException"/> naming the file when the manifest is unreadable or a file is missing or differs.
    /// </summary>
    public static async Task<VerifiedRun?> TryReadAsync(IOutputStore store, string runId, int index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var manifestPath = ShardLayout.ShardManifest(runId, index);
        var manifestObject = await store.TryReadAsync(manifestPath, cancellationToken).ConfigureAwait(false);
        if (manifestObject is null)
        {
            return null;
        }

        RunManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<RunManifest>(manifestObject.Content.Span, RunManifest.JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"shard {index}: {manifestPath} is not a valid manifest ({ex.Message}).", ex);
        }

        if (manifest?.Files is null || manifest.Settings is null)
        {
            throw new InvalidDataException($"shard {index}: {manifestPath} is not a valid manifest (no files or settings).");
        }

        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var entry in manifest.Files)
        {
            var path = ShardLayout.ShardFile(runId, index, entry.Path);
            var file = await store.TryReadAsync(path, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"shard {index}: {path} listed in its manifest is missing.");
            var sha = Convert.ToHexStringLower(SHA256.HashData(file.Content.Span));
            if (file.Content.Length != entry.Size || sha != entry.Sha256)
            {
                throw new InvalidDataException($"shard {index}: {path} does not match its manifest (size {file.Content.Length} vs {entry.Size}, sha256 {sha} vs {entry.Sha256}): it is corrupt; re-run the shard.");
            }

            files[entry.Path] = file.Content;
        }

        return new VerifiedRun(manifest, files);
    }
}
