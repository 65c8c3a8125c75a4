using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Trained;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Models;

/// <summary>
/// The model registry on any <see cref="IOutputStore"/> (a local folder or a blob container): models/&lt;model-id&gt;/
/// holds a trained stage's files (<see cref="TrainedStageJson"/>), then its manifest model.json (written last,
/// create-only), then optionally approval.json. Layout: docs/model-registry.md.
/// </summary>
public sealed class ModelRegistry(IOutputStore store)
{
    /// <summary>The registry's folder in the store.</summary>
    public const string Root = "models";

    /// <summary>File name of a model's manifest.</summary>
    public const string ManifestFile = "model.json";

    /// <summary>File name of a model's approval.</summary>
    public const string ApprovalFile = "approval.json";

    /// <summary>Where the registry lives, for messages.</summary>
    public string Description => store.Description + "/" + Root;

    /// <summary>
    /// The model id of a stage's files created at <paramref name="createdUtc"/>: yyyyMMddTHHmmssZ + '-' + the first 8
    /// hex digits of SHA-256 over the training fingerprint and each file's name and SHA-256 (in name order). Ids sort by
    /// creation time; the same content registered at the same second gets the same id.
    /// </summary>
    public static string ModelId(DateTimeOffset createdUtc, string trainingFingerprint, IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var text = new StringBuilder(trainingFingerprint).Append('\n');
        foreach (var (name, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(content))).Append('\n');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        return createdUtc.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + hash[..8];
    }

    /// <summary>Registers <paramref name="stage"/>: writes its files, then the manifest; returns the manifest.</summary>
    public async Task<ModelManifest> RegisterAsync(TrainedStage stage, ModelRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(registration);
        var files = TrainedStageJson.ToFiles(stage);
        var id = ModelId(registration.CreatedUtc, registration.TrainingFingerprint, files);
        var entries = new List<ManifestEntry>(files.Count);
        foreach (var (name, content) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await store.WriteAsync(PathOf(id, name), content, WriteCondition.None, cancellationToken).ConfigureAwait(false);
            entries.Add(new ManifestEntry(name, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), null));
        }

        var manifest = new ModelManifest(
            1,
            id,
            registration.CreatedUtc,
            registration.SoftwareVersion,
            registration.TrainingFingerprint,
            stage.Period == PeriodKind.Day ? "day" : "week",
            stage.Horizon,
            stage.FeatureNames,
            JsonSerializer.SerializeToElement(stage.Options, TrainedStageJson.OptionsJson),
            registration.Metrics,
            entries);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, ModelManifest.JsonOptions);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await store.WriteAsync(PathOf(id, ManifestFile), bytes, WriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
        }
        catch (WriteConditionFailedException)
        {
            // Registered already (the same content in the same second, or a retried write whose answer was lost):
            // accept the existing manifest when it lists the same files.
            var existing = await TryGetAsync(id, cancellationToken).ConfigureAwait(false);
            if (existing is null || !existing.Manifest.Files.SequenceEqual(manifest.Files))
            {
                throw new InvalidOperationException($"Model '{id}' is already registered in {Description} with other files.");
            }

            return existing.Manifest;
        }

        return manifest;
    }

    /// <summary>Every complete model (with a manifest), newest first (creation time, then id).</summary>
    public async Task<IReadOnlyList<RegisteredModel>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var item in store.ListAsync(Root + "/", cancellationToken).ConfigureAwait(false))
        {
            var parts = item.Path.Split('/');
            if (parts.Length == 3 && parts[2] == ManifestFile)
            {
                ids.Add(parts[1]);
            }
        }

        var models = new List<RegisteredModel>(ids.Count);
        foreach (var id in ids)
        {
            if (await TryGetAsync(id, cancellationToken).ConfigureAwait(false) is { } model)
            {
                models.Add(model);
            }
        }

        return models.OrderByDescending(m => m.Manifest.CreatedUtc).ThenByDescending(m => m.Manifest.ModelId, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The complete model <paramref name="modelId"/>, or null when it has no manifest.</summary>
    public async Task<RegisteredModel?> TryGetAsync(string modelId, CancellationToken cancellationToken)
    {
        ValidateId(modelId);
        var manifest = await store.TryReadAsync(PathOf(modelId, ManifestFile), cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return null;
        }

        var approval = await store.TryReadAsync(PathOf(modelId, ApprovalFile), cancellationToken).ConfigureAwait(false);
        return new RegisteredModel(
            Parse<ModelManifest>(manifest, PathOf(modelId, ManifestFile)),
            approval is null ? null : Parse<ModelApproval>(approval, PathOf(modelId, ApprovalFile)));
    }

    /// <summary>
    /// Loads model <paramref name="modelId"/>'s stage after checking every file against the manifest. Throws
    /// <see cref="ModelUnavailableException"/> when the model is not complete, <see cref="InvalidDataException"/> when a file
    /// is missing or altered.
    /// </summary>
    public async Task<TrainedStage> LoadAsync(string modelId, CancellationToken cancellationToken)
    {
        var model = await TryGetAsync(modelId, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelUnavailableException($"Model '{modelId}' is not in {Description} (or is incomplete: no {ManifestFile}).");
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var entry in model.Manifest.Files)
        {
            var path = PathOf(modelId, entry.Path);
            var content = (await store.TryReadAsync(path, cancellationToken).ConfigureAwait(false))?.Content
                ?? throw new InvalidDataException($"Model '{modelId}': {path} is listed in its manifest but missing.");
            if (content.Length != entry.Size || Convert.ToHexStringLower(SHA256.HashData(content.Span)) != entry.Sha256)
            {
                throw new InvalidDataException($"Model '{modelId}': {path} does not match its manifest (size or SHA-256).");
            }

            files[entry.Path] = content;
        }

        return TrainedStageJson.FromFiles(files);
    }

    /// <summary>Approves complete model <paramref name="modelId"/> (again: the approval is replaced).</summary>
    public async Task<ModelApproval> ApproveAsync(string modelId, DateTimeOffset approvedUtc, string note, CancellationToken cancellationToken)
    {
        _ = await TryGetAsync(modelId, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelUnavailableException($"Model '{modelId}' is not in {Description} (or is incomplete: no {ManifestFile}).");
        var approval = new ModelApproval(modelId, approvedUtc, note);
        await store.WriteAsync(PathOf(modelId, ApprovalFile), JsonSerializer.SerializeToUtf8Bytes(approval, ModelManifest.JsonOptions), WriteCondition.None, cancellationToken).ConfigureAwait(false);
        return approval;
    }

    /// <summary>The store path of file <paramref name="name"/> of model <paramref name="modelId"/>.</summary>
    public static string PathOf(string modelId, string name) => ObjectPath.Combine(Root, modelId, name);

    private static void ValidateId(string modelId)
    {
        if (string.IsNullOrWhiteSpace(modelId) || modelId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || modelId.StartsWith('.'))
        {
            throw new ArgumentException($"'{modelId}' is not a model id (letters, digits, '-', '_', '.').", nameof(modelId));
        }
    }

    private static T Parse<T>(StoredObject content, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(content.Content.Span, ModelManifest.JsonOptions) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not readable: {ex.Message}", ex);
        }
    }
}
