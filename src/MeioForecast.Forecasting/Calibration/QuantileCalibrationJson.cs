using System.Text.Json.Nodes;
using MeioForecast.Core.Keys;

namespace MeioForecast.Forecasting.Calibration;

/// <summary>
/// JSON form of a <see cref="QuantileCalibration"/> (doubles in shortest round-trip form, so a calibration read back
/// adjusts bit-identically):
/// <code>{ "levels": [p...], "non_negative": true, "scaled": false, "local_scale": "level",
/// "global": [[c per level] per step], "segments": { "name": [[...]] }, "volume_bounds": [b...] }</code>
/// </summary>
public static class QuantileCalibrationJson
{
    /// <summary>The JSON object of <paramref name="calibration"/>.</summary>
    public static JsonObject ToJson(QuantileCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var segments = new JsonObject();
        foreach (var (name, table) in calibration.SegmentTables.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            segments[name] = Table(table);
        }

        return new JsonObject
        {
            ["levels"] = new JsonArray([.. calibration.Levels.Select(l => JsonValue.Create(l.Value))]),
            ["non_negative"] = calibration.NonNegative,
            ["scaled"] = calibration.Scaled,
            ["local_scale"] = calibration.LocalScale == ConformalScale.Width ? "width" : "level",
            ["global"] = Table(calibration.GlobalTable),
            ["segments"] = segments,
            ["volume_bounds"] = new JsonArray([.. calibration.VolumeBounds.Select(b => JsonValue.Create(b))]),
        };
    }

    /// <summary>Reads a calibration written by <see cref="ToJson"/>; throws <see cref="InvalidDataException"/> when malformed.</summary>
    public static QuantileCalibration FromJson(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            var levels = node["levels"]!.AsArray().Select(v => new QuantileLevel(v!.GetValue<double>())).ToArray();
            var global = Table(node["global"]!.AsArray(), levels.Length);
            var segments = new SortedDictionary<string, double[,]>(StringComparer.Ordinal);
            foreach (var (name, table) in node["segments"]!.AsObject())
            {
                segments[name] = Table(table!.AsArray(), levels.Length);
            }

            // "scaled", "volume_bounds" and "local_scale" arrived after the first models were registered: absent means
            // additive, one class, level.
            var bounds = node["volume_bounds"]?.AsArray().Select(v => v!.GetValue<double>()).ToArray() ?? [];
            var localScale = node["local_scale"]?.GetValue<string>() switch
            {
                null or "level" => ConformalScale.Level,
                "width" => ConformalScale.Width,
                var other => throw new FormatException($"local_scale '{other}' is neither 'level' nor 'width'."),
            };
            return new QuantileCalibration(levels, global, segments, node["non_negative"]!.GetValue<bool>(), node["scaled"]?.GetValue<bool>() ?? false, bounds, localScale);
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"Malformed calibration JSON: {ex.Message}", ex);
        }
    }

    private static JsonArray Table(double[,] table)
    {
        var rows = new JsonArray();
        for (var t = 0; t < table.GetLength(0); t++)
        {
            var row = new JsonArray();
            for (var j = 0; j < table.GetLength(1); j++)
            {
                row.Add(table[t, j]);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static double[,] Table(JsonArray rows, int levels)
    {
        var table = new double[rows.Count, levels];
        for (var t = 0; t < rows.Count; t++)
        {
            var row = rows[t]!.AsArray();
            if (row.Count != levels)
            {
                throw new FormatException($"Calibration row {t} has {row.Count} values for {levels} levels.");
            }

            for (var j = 0; j < levels; j++)
            {
                table[t, j] = row[j]!.GetValue<double>();
            }
        }

        return table;
    }
}
