using System.Globalization;
using MeioForecast.Optimization.Gsm;

namespace MeioForecast.TestKit;

/// <summary>
/// Reads the research benchmark format of Willems (2008, MSOM 10(1):19-23): a stage file with named columns (stageName,
/// stageCost, stageTime, avgDemand, stDevDemand, serviceLevel, maxServiceTime; others ignored) and an arc file from,to.
/// </summary>
public static class WillemsCsvReader
{
    /// <summary>Reads the stage file.</summary>
    public static IReadOnlyList<ReferenceStage> ReadStages(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = Split(lines[0]);
        int Column(string name) => Array.FindIndex(header, h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
        var name = Column("stageName");
        var cost = Column("stageCost");
        var time = Column("stageTime");
        var avg = Column("avgDemand");
        var sd = Column("stDevDemand");
        var level = Column("serviceLevel");
        var max = Column("maxServiceTime");
        if (name < 0 || cost < 0 || time < 0)
        {
            throw new FormatException($"{path}: stageName, stageCost and stageTime columns are required.");
        }

        var stages = new List<ReferenceStage>();
        for (var line = 1; line < lines.Length; line++)
        {
            if (string.IsNullOrWhiteSpace(lines[line]))
            {
                continue;
            }

            var f = Split(lines[line]);
            try
            {
                stages.Add(new ReferenceStage(
                    f[name].Trim(),
                    Number(f, cost) ?? 0.0,
                    Number(f, time) ?? 0.0,
                    Number(f, avg),
                    Number(f, sd),
                    Number(f, level),
                    Number(f, max) is double m ? (int)Math.Floor(m) : null));
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{path}:{line + 1}: {ex.Message}", ex);
            }
        }

        return stages;
    }

    /// <summary>Reads the arc file (from,to; an optional third column is the quantity per unit).</summary>
    public static IReadOnlyList<GsmArc> ReadArcs(string path)
    {
        var lines = File.ReadAllLines(path);
        var arcs = new List<GsmArc>();
        for (var line = 1; line < lines.Length; line++)
        {
            if (string.IsNullOrWhiteSpace(lines[line]))
            {
                continue;
            }

            var f = Split(lines[line]);
            var q = f.Length > 2 && !string.IsNullOrWhiteSpace(f[2]) ? double.Parse(f[2], CultureInfo.InvariantCulture) : 1.0;
            arcs.Add(new GsmArc(f[0].Trim(), f[1].Trim(), q));
        }

        return arcs;
    }

    /// <summary>Reads both files and builds the network under <see cref="ReferenceConvention"/>.</summary>
    public static GsmNetwork ReadNetwork(string stagesPath, string arcsPath, double holdingRate = 1.0) =>
        ReferenceConvention.Build(ReadStages(stagesPath), ReadArcs(arcsPath), holdingRate);

    private static double? Number(string[] fields, int column)
    {
        if (column < 0 || column >= fields.Length || string.IsNullOrWhiteSpace(fields[column]))
        {
            return null;
        }

        return double.Parse(fields[column], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string[] Split(string line) => line.Split(',');
}
