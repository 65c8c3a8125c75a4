using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Calibration;
using MeioForecast.Forecasting.Features;
using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Forecasting.Trained;

/// <summary>
/// The files of a <see cref="TrainedStage"/> (pure: names and bytes; the storage adapter writes them):
/// <list type="bullet">
/// <item><c>stage.json</c>: <c>{ "format": "meioforecast-stage", "version": 1, "period": "day|week", "horizon": H,
/// "options": {StageOptions as System.Text.Json, snake_case}, "feature_names": [...], "fits": [ { "offset": k,
/// "feature_names": [...], "vocabulary": { "skus": [...], "locations": [...] }, "models": ["gbdt/o{k}/q{alpha}.json", ...] } ],
/// "calibration": {QuantileCalibrationJson} | null, "pooled_weights": [w per candidate] | null }</c>.</item>
/// <item><c>gbdt/o{k}/q{alpha}.txt</c>: one quantile GBDT per level and fit, LightGBM's text model (the default engine,
/// <see cref="GbdtEngine.LightGbm"/>), readable by any LightGBM; <c>.json</c> in the format of <see cref="GbdtModelSerializer"/>
/// for the native engine.</item>
/// </list>
/// Options are serialized whole, so fields added to the option records later flow through; doubles are written in
/// shortest round-trip form, so a stage read back forecasts bit-identically.
/// </summary>
public static class TrainedStageJson
{
    /// <summary>Format name written in the "format" field.</summary>
    public const string FormatName = "meioforecast-stage";

    /// <summary>Name of the stage description file.</summary>
    public const string StageFile = "stage.json";

    /// <summary>JSON options of the option records: snake_case, enums as text, quantile levels as numbers.</summary>
    public static JsonSerializerOptions OptionsJson { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new QuantileLevelConverter() },
    };

    /// <summary>The files of <paramref name="stage"/>, by name (ordinal order).</summary>
    public static SortedDictionary<string, byte[]> ToFiles(TrainedStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var fits = new JsonArray();
        foreach (var fit in stage.Fits.Values.OrderBy(f => f.Offset))
        {
            var models = new JsonArray();
            foreach (var m in fit.Model.Models)
            {
                var (extension, text) = m switch
                {
                    LightGbmGbdtModel l => ("txt", l.ModelText),
                    GbdtModel g => ("json", GbdtModelSerializer.ToJson(g)),
                    _ => throw new InvalidOperationException($"No file format for {m.GetType().Name}."),
                };
                var name = string.Create(CultureInfo.InvariantCulture, $"gbdt/o{fit.Offset}/q{m.Alpha:R}.{extension}");
                files[name] = Encoding.UTF8.GetBytes(text);
                models.Add(name);
            }

            fits.Add(new JsonObject
            {
                ["offset"] = fit.Offset,
                ["feature_names"] = Strings(fit.FeatureNames),
                ["vocabulary"] = new JsonObject { ["skus"] = Strings(fit.Vocabulary.Skus), ["locations"] = Strings(fit.Vocabulary.Locations) },
                ["models"] = models,
            });
        }

        var root = new JsonObject
        {
            ["format"] = FormatName,
            ["version"] = 1,
            ["period"] = stage.Period == PeriodKind.Day ? "day" : "week",
            ["horizon"] = stage.Horizon,
            ["options"] = JsonSerializer.SerializeToNode(stage.Options, OptionsJson),
            ["feature_names"] = Strings(stage.FeatureNames),
            ["fits"] = fits,
            ["calibration"] = stage.Calibration is null ? null : QuantileCalibrationJson.ToJson(stage.Calibration),
            ["pooled_weights"] = stage.PooledWeights is null ? null : new JsonArray([.. stage.PooledWeights.Select(w => JsonValue.Create(w))]),
        };
        files[StageFile] = Encoding.UTF8.GetBytes(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return files;
    }

    /// <summary>Reads a stage from its files; throws <see cref="InvalidDataException"/> when one is missing or malformed.</summary>
    public static TrainedStage FromFiles(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        try
        {
            var root = JsonNode.Parse(Read(files, StageFile).Span)!;
            if (root["format"]?.GetValue<string>() != FormatName || root["version"]?.GetValue<int>() != 1)
            {
                throw new InvalidDataException($"{StageFile} is not a {FormatName} version 1 file.");
            }

            var period = root["period"]!.GetValue<string>() switch
            {
                "day" => PeriodKind.Day,
                "week" => PeriodKind.Week,
                var other => throw new InvalidDataException($"{StageFile}: unknown period '{other}'."),
            };
            var options = root["options"].Deserialize<StageOptions>(OptionsJson) ?? throw new InvalidDataException($"{StageFile} has no options.");
            if (root["options"]?["gbdt"]?["unavailable_as_missing"] is null)
            {
                // Registered before unavailable periods became missing values: its trees split on features that read them as 0.
                options = options with { Gbdt = options.Gbdt with { UnavailableAsMissing = false } };
            }

            options.Validate();
            var fits = new SortedDictionary<int, GlobalGbdtFit>();
            foreach (var f in root["fits"]!.AsArray())
            {
                var offset = f!["offset"]!.GetValue<int>();
                var featureNames = Strings(f["feature_names"]!);
                var models = f["models"]!.AsArray().Select(n => Model(files, n!.GetValue<string>(), featureNames)).ToArray();
                var vocabulary = new FeatureVocabulary(Strings(f["vocabulary"]!["skus"]!), Strings(f["vocabulary"]!["locations"]!));
                fits[offset] = new GlobalGbdtFit(offset, new MultiQuantileGbdtModel(models), featureNames, vocabulary);
            }

            var calibration = root["calibration"] is { } c ? QuantileCalibrationJson.FromJson(c) : null;
            var pooled = root["pooled_weights"] is JsonArray w ? w.Select(v => v!.GetValue<double>()).ToArray() : null;
            return new TrainedStage(options, period, fits, calibration, pooled);
        }
        catch (Exception ex) when (ex is JsonException or NullReferenceException or InvalidOperationException or FormatException or ArgumentException or LightGbm.LightGbmException)
        {
            throw new InvalidDataException($"Malformed trained stage: {ex.Message}", ex);
        }
    }

    /// <summary>A level's model: LightGBM's text model (<c>.txt</c>) or our engine's JSON (<c>.json</c>, stages registered before LightGBM).</summary>
    private static IQuantileTreeModel Model(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files, string name, IReadOnlyList<string> featureNames)
    {
        var text = Encoding.UTF8.GetString(Read(files, name).Span);
        return name.EndsWith(".txt", StringComparison.Ordinal) ? new LightGbmGbdtModel(text, featureNames) : GbdtModelSerializer.FromJson(text);
    }

    private static ReadOnlyMemory<byte> Read(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files, string name) =>
        files.TryGetValue(name, out var content) ? content : throw new InvalidDataException($"The trained stage's file '{name}' is missing.");

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);

    private static string[] Strings(JsonNode node) => node.AsArray().Select(v => v!.GetValue<string>()).ToArray();

    /// <summary>A quantile level as its number.</summary>
    private sealed class QuantileLevelConverter : JsonConverter<QuantileLevel>
    {
        public override QuantileLevel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, QuantileLevel value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteNumberValue(value.Value);
        }
    }
}
