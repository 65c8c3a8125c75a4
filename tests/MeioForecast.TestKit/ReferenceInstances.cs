using MeioForecast.Optimization.Gsm;
using MeioForecast.Storage.Networks;

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
        WillemsNetworkReader.ReadNetwork(
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
        return WillemsNetworkReader.ReadNetwork(Path.Combine(folder, stem + "_stages.csv"), Path.Combine(folder, stem + "_arcs.csv"), holdingRate);
    }
}
