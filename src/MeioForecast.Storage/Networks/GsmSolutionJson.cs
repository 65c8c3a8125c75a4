using System.Text.Json;
using MeioForecast.Optimization.Gsm;

namespace MeioForecast.Storage.Networks;

/// <summary>
/// Writes a GSM solution as JSON: total_cost, lower_bound, gap, method, nodes, and per stage (in network order) id, S,
/// SI, tau, base_stock, safety_stock and cost.
/// </summary>
public static class GsmSolutionJson
{
    /// <summary>Writes <paramref name="solution"/> to <paramref name="path"/> (UTF-8, indented).</summary>
    public static void Write(string path, GsmSolution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var stream = File.Create(path);
        Write(stream, solution);
    }

    /// <summary>Writes <paramref name="solution"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, GsmSolution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("total_cost", solution.TotalCost);
        json.WriteNumber("lower_bound", solution.LowerBound);
        json.WriteNumber("gap", solution.Gap);
        json.WriteBoolean("proven_optimal", solution.ProvenOptimal);
        json.WriteString("method", solution.Method.ToString());
        json.WriteNumber("nodes", solution.NodesExplored);
        json.WriteStartArray("stages");
        foreach (var stage in solution.Stages)
        {
            json.WriteStartObject();
            json.WriteString("id", stage.Id);
            json.WriteNumber("S", stage.ServiceTime);
            json.WriteNumber("SI", stage.InboundServiceTime);
            json.WriteNumber("tau", stage.NetReplenishmentTime);
            json.WriteNumber("base_stock", stage.BaseStock);
            json.WriteNumber("safety_stock", stage.SafetyStock);
            json.WriteNumber("cost", stage.HoldingCost);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
