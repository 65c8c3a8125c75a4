using System.Globalization;
using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drilldown;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Explanations;

/// <summary>
/// explanation_summary.csv (docs/output-format.md): one planner sentence per sku-node, ranked so the largest
/// safety-stock moves come first.
/// </summary>
public static class ExplanationSummaryCsv
{
    /// <summary>The file name.</summary>
    public const string FileName = "explanation_summary.csv";

    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["rank", "sku", "location", "baseline", "previous_safety_stock", "safety_stock", "change", "change_percent", "sentence"];

    /// <summary>
    /// Formats <paramref name="explanations"/> in ranked order (<see cref="ExplanationSentence.Rank"/>); a demand driver
    /// with <paramref name="details"/> names its largest detail.
    /// </summary>
    public static RunFile Write(IReadOnlyList<NodeExplanation> explanations, IReadOnlyDictionary<SkuNode, IReadOnlyList<ExplanationDetail>>? details = null)
    {
        ArgumentNullException.ThrowIfNull(explanations);
        var table = new CsvTableWriter(Columns);
        var rank = 0;
        foreach (var e in ExplanationSentence.Rank(explanations))
        {
            var s = e.SafetyStock;
            table.AddRow(
                (++rank).ToString(CultureInfo.InvariantCulture),
                e.Key.Sku,
                e.Key.Location,
                ExplanationsCsv.BaselineCode(e.Baseline),
                CsvTableWriter.Number(s.Baseline),
                CsvTableWriter.Number(s.Total),
                CsvTableWriter.Number(s.Change),
                s.Baseline != 0 ? CsvTableWriter.Number(100 * s.Change / Math.Abs(s.Baseline), 2) : string.Empty,
                ExplanationSentence.Format(e, details?.GetValueOrDefault(e.Key)));
        }

        return new RunFile(FileName, table.ToBytes(), table.Rows);
    }
}
