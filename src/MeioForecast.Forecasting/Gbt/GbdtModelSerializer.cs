using System.Text;
using System.Text.Json;

namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Versioned JSON format of a <see cref="GbdtModel"/>; doubles are written in shortest round-trip form, so a model read
/// back predicts bit-identically. Format (version 1):
/// <code>
/// { "format": "meioforecast-gbdt", "version": 1, "objective": "quantile|l2|l1", "alpha": 0.9, "base_score": s0,
///   "features": [ { "name": "x", "categorical": false }, ... ],
///   "trees": [ { "num_leaves": L,
///       "split_feature": [L-1 ints], "threshold": [L-1 numbers, null at categorical nodes],
///       "default_left": [L-1 bools], "left_categories": [L-1 x (null | sorted int codes)],
///       "left_child": [L-1], "right_child": [L-1] (negative ~k = leaf k), "internal_cover": [L-1],
///       "leaf_value": [L] (learning rate included), "leaf_cover": [L] }, ... ] }
/// </code>
/// Prediction = base_score + sum over trees of the reached leaf_value; numeric rows go left when x &lt;= threshold (NaN
/// follows default_left); categorical rows go left when their integer code is in left_categories.
/// </summary>
public static class GbdtModelSerializer
{
    /// <summary>Format name written in the "format" field.</summary>
    public const string FormatName = "meioforecast-gbdt";

    /// <summary>Current format version.</summary>
    public const int Version = 1;

    /// <summary>Writes <paramref name="model"/> as JSON to <paramref name="stream"/>.</summary>
    public static void Save(GbdtModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        w.WriteStartObject();
        w.WriteString("format", FormatName);
        w.WriteNumber("version", Version);
        w.WriteString("objective", model.Objective.ToString().ToLowerInvariant());
        w.WriteNumber("alpha", model.Alpha);
        w.WriteNumber("base_score", model.BaseScore);
        w.WriteStartArray("features");
        for (var f = 0; f < model.FeatureNames.Count; f++)
        {
            w.WriteStartObject();
            w.WriteString("name", model.FeatureNames[f]);
            w.WriteBoolean("categorical", model.Categorical[f]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("trees");
        foreach (var t in model.Trees)
        {
            w.WriteStartObject();
            w.WriteNumber("num_leaves", t.LeafValue.Length);
            WriteInts(w, "split_feature", t.SplitFeature);
            w.WriteStartArray("threshold");
            for (var i = 0; i < t.NodeCount; i++)
            {
                if (t.LeftCategories[i] is null)
                {
                    w.WriteNumberValue(t.Threshold[i]);
                }
                else
                {
                    w.WriteNullValue();
                }
            }

            w.WriteEndArray();
            w.WriteStartArray("default_left");
            foreach (var b in t.DefaultLeft)
            {
                w.WriteBooleanValue(b);
            }

            w.WriteEndArray();
            w.WriteStartArray("left_categories");
            foreach (var cats in t.LeftCategories)
            {
                if (cats is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    WriteInts(w, null, cats);
                }
            }

            w.WriteEndArray();
            WriteInts(w, "left_child", t.LeftChild);
            WriteInts(w, "right_child", t.RightChild);
            WriteDoubles(w, "internal_cover", t.NodeCover);
            WriteDoubles(w, "leaf_value", t.LeafValue);
            WriteDoubles(w, "leaf_cover", t.LeafCover);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The model as a JSON string.</summary>
    public static string ToJson(GbdtModel model)
    {
        using var ms = new MemoryStream();
        Save(model, ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Reads a model from a JSON string.</summary>
    public static GbdtModel FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var ms = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return Load(ms);
    }

    /// <summary>Reads a model written by <see cref="Save"/>; throws <see cref="FormatException"/> on a wrong format or version.</summary>
    public static GbdtModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        if (!root.TryGetProperty("format", out var fmt) || fmt.GetString() != FormatName)
        {
            throw new FormatException($"Not a {FormatName} model (missing or wrong \"format\").");
        }

        var version = root.GetProperty("version").GetInt32();
        if (version != Version)
        {
            throw new FormatException($"Unsupported {FormatName} version {version}; this build reads version {Version}.");
        }

        var objective = root.GetProperty("objective").GetString() switch
        {
            "quantile" => GbdtObjective.Quantile,
            "l2" => GbdtObjective.L2,
            "l1" => GbdtObjective.L1,
            var o => throw new FormatException($"Unknown objective '{o}'."),
        };
        var names = new List<string>();
        var categorical = new List<bool>();
        foreach (var f in root.GetProperty("features").EnumerateArray())
        {
            names.Add(f.GetProperty("name").GetString() ?? throw new FormatException("A feature has no name."));
            categorical.Add(f.GetProperty("categorical").GetBoolean());
        }

        var trees = new List<RegressionTree>();
        foreach (var t in root.GetProperty("trees").EnumerateArray())
        {
            var leaves = t.GetProperty("num_leaves").GetInt32();
            var nodes = leaves - 1;
            var feature = Ints(t.GetProperty("split_feature"));
            var threshold = t.GetProperty("threshold").EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray();
            var defaultLeft = t.GetProperty("default_left").EnumerateArray().Select(e => e.GetBoolean()).ToArray();
            var cats = t.GetProperty("left_categories").EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.Null ? null : Ints(e)).ToArray();
            var left = Ints(t.GetProperty("left_child"));
            var right = Ints(t.GetProperty("right_child"));
            var cover = Doubles(t.GetProperty("internal_cover"));
            var values = Doubles(t.GetProperty("leaf_value"));
            var leafCover = Doubles(t.GetProperty("leaf_cover"));
            if (leaves < 1 || new[] { feature.Length, threshold.Length, defaultLeft.Length, cats.Length, left.Length,
                    right.Length, cover.Length }.Any(l => l != nodes) || values.Length != leaves
                || leafCover.Length != leaves || feature.Any(f => f < 0 || f >= names.Count))
            {
                throw new FormatException($"Tree {trees.Count} has inconsistent array lengths or feature indices.");
            }

            trees.Add(new RegressionTree(feature, threshold, defaultLeft, cats, left, right, cover, values, leafCover));
        }

        return new GbdtModel(
            names, categorical, objective, root.GetProperty("alpha").GetDouble(), root.GetProperty("base_score").GetDouble(),
            [.. trees]);
    }

    private static void WriteInts(Utf8JsonWriter w, string? name, int[] values)
    {
        if (name is null)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(name);
        }

        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteDoubles(Utf8JsonWriter w, string name, double[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();
}
