using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Drilldown;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Explanations;

/// <summary>
/// explanation_details.csv (docs/output-format.md): the drill-down of the demand drivers' safety-stock contributions to
/// the forecast's feature groups; per sku-node and driver the rows add up to the driver's row in explanations.csv.
/// </summary>
public static class ExplanationDetailsCsv
{
    /// <summary>The file name.</summary>
    public const string FileName = "explanation_details.csv";

    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["sku", "location", "driver", "detail", "contribution", "unit"];

    /// <summary>Formats <paramref name="details"/> in sku-node order, then driver order, then details largest first.</summary>
    public static RunFile Write(IReadOnlyDictionary<SkuNode, IReadOnlyList<ExplanationDetail>> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var table = new CsvTableWriter(Columns);
        foreach (var (key, rows) in details.OrderBy(kv => kv.Key))
        {
            foreach (var d in rows.OrderBy(d => d.Driver).ThenByDescending(d => Math.Abs(d.Contribution)).ThenBy(d => d.Detail, StringComparer.Ordinal))
            {
                table.AddRow(key.Sku, key.Location, BufferDriverNames.Code(d.Driver), d.Detail, CsvTableWriter.Number(d.Contribution, 6), "units");
            }
        }

        return new RunFile(FileName, table.ToBytes(), table.Rows);
    }
}
