using System.Globalization;
using System.Text;
using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Explanations;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Sharding;

/// <summary>
/// The shard-side part of explanation_summary.csv: the shard's own ranked summary (same writer as a single run) and, in
/// the same order, the exact ranking keys of <see cref="ExplanationSentence.Rank"/> (|safety-stock change|,
/// |holding-cost change|, in shortest round-trip form; the sku-node breaks ties). <see cref="Merge"/> sorts the rows of
/// every shard by those exact keys and renumbers the rank column: the total order is the single run's, every other field
/// is the shard's text unchanged (a sentence depends on its own sku-node only), so the file is byte-identical.
/// </summary>
public static class ExplanationSummaryPartial
{
    /// <summary>The shard's ranked summary rows.</summary>
    public const string SummaryFileName = ShardPartials.Prefix + "explanation_summary.csv";

    /// <summary>The exact ranking keys, one row per summary row.</summary>
    public const string KeysFileName = ShardPartials.Prefix + "explanation_rank_keys.csv";

    private static readonly string[] KeyColumns = ["sku", "location", "safety_stock_change_abs", "holding_cost_change_abs"];

    /// <summary>The shard's two partial files for <paramref name="explanations"/>.</summary>
    public static IReadOnlyList<RunFile> Write(IReadOnlyList<NodeExplanation> explanations)
    {
        ArgumentNullException.ThrowIfNull(explanations);
        var summary = ExplanationSummaryCsv.Write(explanations);
        var keys = new CsvTableWriter(KeyColumns);
        foreach (var e in ExplanationSentence.Rank(explanations))
        {
            keys.AddRow(e.Key.Sku, e.Key.Location, R(Math.Abs(e.SafetyStock.Change)), R(Math.Abs(e.HoldingCost.Change)));
        }

        return [summary with { Name = SummaryFileName }, new RunFile(KeysFileName, keys.ToBytes(), keys.Rows)];
    }

    /// <summary>explanation_summary.csv of the whole run from every shard's partial files (index = shard).</summary>
    public static RunFile Merge(IReadOnlyList<(ReadOnlyMemory<byte> Summary, ReadOnlyMemory<byte> Keys)> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var rows = new List<(double SafetyStock, double HoldingCost, SkuNode Key, string[] Fields)>();
        for (var s = 0; s < shards.Count; s++)
        {
            var summary = Records(shards[s].Summary);
            var keys = Records(shards[s].Keys);
            if (summary.Count != keys.Count)
            {
                throw new InvalidDataException($"shard {s}: {SummaryFileName} has {summary.Count} rows but {KeysFileName} has {keys.Count}.");
            }

            for (var i = 0; i < summary.Count; i++)
            {
                var (row, key) = (summary[i], keys[i]);
                if (row.Length != ExplanationSummaryCsv.Columns.Count || key.Length != KeyColumns.Length || row[1] != key[0] || row[2] != key[1])
                {
                    throw new InvalidDataException($"shard {s}: row {i + 1} of {SummaryFileName} and {KeysFileName} do not describe the same sku-node.");
                }

                rows.Add((P(key[2]), P(key[3]), new SkuNode(key[0], key[1]), row));
            }
        }

        rows.Sort((a, b) =>
        {
            var c = b.SafetyStock.CompareTo(a.SafetyStock);
            c = c != 0 ? c : b.HoldingCost.CompareTo(a.HoldingCost);
            return c != 0 ? c : a.Key.CompareTo(b.Key);
        });
        var table = new CsvTableWriter(ExplanationSummaryCsv.Columns);
        for (var i = 0; i < rows.Count; i++)
        {
            var fields = (string[])rows[i].Fields.Clone();
            fields[0] = (i + 1).ToString(CultureInfo.InvariantCulture);
            table.AddRow(fields);
        }

        return new RunFile(ExplanationSummaryCsv.FileName, table.ToBytes(), table.Rows);
    }

    private static List<string[]> Records(ReadOnlyMemory<byte> content)
    {
        using var reader = new StringReader(Encoding.UTF8.GetString(content.Span));
        return CsvParser.Parse(reader).Skip(1).Select(r => r.Fields).ToList();
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double P(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
