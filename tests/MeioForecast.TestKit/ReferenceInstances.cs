using System.Globalization;
using MeioForecast.Optimization.Gsm;

namespace MeioForecast.TestKit;

/// <summary>Reference GSM instances copied into Data/ (copied to the output folder), with their published answers.</summary>
public static class ReferenceInstances
{
    /// <summary>The folder holding the data files next to the running assembly.</summary>
    public static string DataFolder => Path.Combine(AppContext.BaseDirectory, "Data");

    /// <summary>
    /// Loads a Graves &amp; Willems (2000, MSOM 2(1):68-83) example by name (bulldozer, battery, digital_camera) with the
    /// paper's annual holding rate (0.30, 0.25, 0.24) under <see cref="ReferenceConvention"/>.
    /// </summary>
    public static GsmNetwork GravesWillems2000(string name) =>
        ReadNetwork(
            Path.Combine(DataFolder, name + "_stages.csv"),
            Path.Combine(DataFolder, name + "_arcs.csv"),
            name switch
            {
                "bulldozer" => 0.30,
                "battery" => 0.25,
                "digital_camera" => 0.24,
                _ => throw new ArgumentException($"Unknown example '{name}'.", nameof(name)),
            });

    /// <summary>Loads Willems (2008) chain <paramref name="number"/> (01..03 are in Data/willems-2008) with the given holding rate.</summary>
    public static GsmNetwork Willems2008(int number, double holdingRate = 1.0)
    {
        var folder = Path.Combine(DataFolder, "willems-2008");
        var stem = $"chain_{number:00}";
        return ReadNetwork(Path.Combine(folder, stem + "_stages.csv"), Path.Combine(folder, stem + "_arcs.csv"), holdingRate);
    }

    /// <summary>The (stages, arcs) file pairs in Data/, for tests that read every instance.</summary>
    public static IReadOnlyList<(string Stages, string Arcs)> Files =>
    [
        .. new[] { "bulldozer", "battery", "digital_camera" }.Select(n => (Path.Combine(DataFolder, n + "_stages.csv"), Path.Combine(DataFolder, n + "_arcs.csv"))),
        .. Enumerable.Range(1, 3).Select(i => (Path.Combine(DataFolder, "willems-2008", $"chain_{i:00}_stages.csv"), Path.Combine(DataFolder, "willems-2008", $"chain_{i:00}_arcs.csv"))),
    ];

    /// <summary>
    /// Reads the stage file of one of the data files above. These files are trusted fixtures (plain comma separated, no
    /// quotes), so this reader does not validate: the product's validating reader (Storage) is tested against it.
    /// </summary>
    public static IReadOnlyList<ReferenceStage> ReadStages(string path)
    {
        var (header, rows) = Read(path);
        var column = header.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i);
        double? Number(string[] row, string name) =>
            column.TryGetValue(name, out var i) && i < row.Length && row[i].Length > 0 ? double.Parse(row[i], CultureInfo.InvariantCulture) : null;
        return
        [
            .. rows.Select(row => new ReferenceStage(
                row[column["stageName"]],
                Number(row, "stageCost") ?? 0.0,
                Number(row, "stageTime") ?? 0.0,
                Number(row, "avgDemand"),
                Number(row, "stDevDemand"),
                Number(row, "serviceLevel"),
                Number(row, "maxServiceTime") is double max ? (int)Math.Floor(max) : null)),
        ];
    }

    /// <summary>Reads the arc file of one of the data files above (from,to; every quantity 1).</summary>
    public static IReadOnlyList<GsmArc> ReadArcs(string path) => [.. Read(path).Rows.Select(row => new GsmArc(row[0], row[1], 1.0))];

    private static GsmNetwork ReadNetwork(string stagesPath, string arcsPath, double holdingRate) =>
        ReferenceConvention.Build(ReadStages(stagesPath), ReadArcs(arcsPath), holdingRate);

    private static (string[] Header, IEnumerable<string[]> Rows) Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')));
    }
}
