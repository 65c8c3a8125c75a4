using MeioForecast.Pipeline.Holdout;
using MeioForecast.Storage.Csv;

namespace MeioForecast.Storage.Output;

/// <summary>
/// holdout-band.csv (docs/holdout.md): one row per origin of <c>meio holdout</c> with a window band: target, predicted
/// and achieved cycle service (means over nodes) beside the simulated distribution of one window's service; then the
/// shared-dates bands, when simulated (the draws column tells them apart).
/// </summary>
public static class HoldoutBandCsv
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "origin", "periods", "nodes", "target_service", "predicted_service", "achieved_service", "draws", "windows",
        "band_mean", "band_sd", "band_p05", "band_p95", "achieved_pit", "inside_band",
    ];

    /// <summary>Formats the bands of <paramref name="origins"/> as CSV bytes (UTF-8, no BOM).</summary>
    public static byte[] Write(IReadOnlyList<OriginHoldout> origins)
    {
        ArgumentNullException.ThrowIfNull(origins);
        var table = new CsvTableWriter(Columns);
        foreach (var (o, b) in origins.Select(o => (o, o.Band)).Concat(origins.Select(o => (o, o.SharedDatesBand))))
        {
            if (b is null)
            {
                continue;
            }

            var p = o.Policy;
            table.AddRow(
                p.Origin.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                p.Periods.ToString(System.Globalization.CultureInfo.InvariantCulture),
                p.Nodes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                CsvTableWriter.Number(p.AverageTarget, 6),
                p.AverageSimulated is { } s ? CsvTableWriter.Number(s, 6) : string.Empty,
                CsvTableWriter.Number(b.Achieved, 6),
                b.Draws,
                b.Windows.ToString(System.Globalization.CultureInfo.InvariantCulture),
                CsvTableWriter.Number(b.Mean, 6),
                CsvTableWriter.Number(b.StandardDeviation, 6),
                CsvTableWriter.Number(b.Lower, 6),
                CsvTableWriter.Number(b.Upper, 6),
                CsvTableWriter.Number(b.Pit, 6),
                b.Inside ? "true" : "false");
        }

        return table.ToBytes();
    }
}
