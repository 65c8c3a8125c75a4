namespace MeioForecast.Storage.Runs;

/// <summary>A complete run whose files matched their manifest hashes when read.</summary>
/// <param name="Manifest">The manifest.</param>
/// <param name="Files">The files' bytes by name.</param>
public sealed record VerifiedRun(RunManifest Manifest, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Files);
