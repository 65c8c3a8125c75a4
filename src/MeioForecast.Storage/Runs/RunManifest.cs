using System.Text.Json;

namespace MeioForecast.Storage.Runs;

/// <summary>
/// The manifest of a complete run, written last (runs/&lt;run-id&gt;/manifest.json): a run without it is incomplete
/// and never pointed to. Readers trust a run only when every listed file has the listed size and SHA-256.
/// </summary>
/// <param name="FormatVersion">Manifest format version (1).</param>
/// <param name="RunId">The run id.</param>
/// <param name="CreatedUtc">When the run was planned.</param>
/// <param name="InputFingerprint">SHA-256 over the input files (names and bytes, in name order).</param>
/// <param name="Settings">The effective settings of the run, as key/value text.</param>
/// <param name="SoftwareVersion">MeioForecast version that wrote it.</param>
/// <param name="Files">The run's files, in name order.</param>
public sealed record RunManifest(
    int FormatVersion,
    string RunId,
    DateTimeOffset CreatedUtc,
    string InputFingerprint,
    IReadOnlyDictionary<string, string> Settings,
    string SoftwareVersion,
    IReadOnlyList<ManifestEntry> Files)
{
    /// <summary>JSON options of every file the run writes: snake_case, indented, invariant.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };
}
