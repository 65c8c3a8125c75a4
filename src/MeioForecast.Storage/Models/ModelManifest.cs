using System.Text.Json;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Models;

/// <summary>
/// The manifest of a registered model, written last (models/&lt;model-id&gt;/model.json, create-only): a model folder
/// without it is incomplete and invisible to listing, loading and runs. Readers trust the files only when each has the
/// listed size and SHA-256. Layout and id rule: docs/model-registry.md.
/// </summary>
/// <param name="FormatVersion">Manifest format version (1).</param>
/// <param name="ModelId">The model id: creation time yyyyMMddTHHmmssZ + '-' + the first 8 hex of the content hash.</param>
/// <param name="CreatedUtc">When the model was registered.</param>
/// <param name="SoftwareVersion">MeioForecast version (assembly informational version) that trained it.</param>
/// <param name="TrainingFingerprint">SHA-256 over the training input files (names and bytes, in name order).</param>
/// <param name="Period"><c>day</c> or <c>week</c>.</param>
/// <param name="Horizon">Longest horizon served, periods.</param>
/// <param name="FeatureNames">The global GBDT's features, in column order (the compatibility rule compares them).</param>
/// <param name="Options">The stage options (same as in stage.json), for reading.</param>
/// <param name="Metrics">Backtest accuracy.</param>
/// <param name="Files">The model's files (relative to its folder), in name order.</param>
public sealed record ModelManifest(
    int FormatVersion,
    string ModelId,
    DateTimeOffset CreatedUtc,
    string SoftwareVersion,
    string TrainingFingerprint,
    string Period,
    int Horizon,
    IReadOnlyList<string> FeatureNames,
    JsonElement Options,
    ModelMetrics Metrics,
    IReadOnlyList<ManifestEntry> Files)
{
    /// <summary>JSON options of the registry's files: snake_case, indented, NaN written as a string.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(RunManifest.JsonOptions)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
