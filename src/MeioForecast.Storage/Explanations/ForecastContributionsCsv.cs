using System.Globalization;
using System.Text;
using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Drilldown;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Explanations;

/// <summary>
/// forecast_contributions.csv (docs/output-format.md): per sku-node and measure (<c>level</c>, <c>spread</c>) the lead-time
/// demand split by forecast feature group; read back by the next run to drill its demand drivers down. Values are written
/// round-trip exact (R format), groups with a zero value are left out.
/// </summary>
public static class ForecastContributionsCsv
{
    /// <summary>The file name.</summary>
    public const string FileName = "forecast_contributions.csv";

    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["sku", "location", "measure", "group", "value", "unit", "peak_date"];

    /// <summary>Formats <paramref name="contributions"/> in sku-node order, level before spread, groups largest first.</summary>
    public static RunFile Write(IReadOnlyDictionary<SkuNode, NodeForecastContributions> contributions)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        var table = new CsvTableWriter(Columns);
        foreach (var (key, c) in contributions.OrderBy(kv => kv.Key))
        {
            foreach (var (measure, groups) in new[] { ("level", c.Level), ("spread", c.Spread) })
            {
                foreach (var g in groups.Where(g => g.Contribution != 0))
                {
                    table.AddRow(
                        key.Sku, key.Location, measure, g.Group, g.Contribution.ToString("R", CultureInfo.InvariantCulture), "units",
                        g.PeakDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty);
                }
            }
        }

        return new RunFile(FileName, table.ToBytes(), table.Rows);
    }

    /// <summary>Parses the file; throws <see cref="InvalidDataException"/> with the line on a malformed row.</summary>
    public static IReadOnlyDictionary<SkuNode, NodeForecastContributions> Read(ReadOnlyMemory<byte> content)
    {
        using var reader = new StringReader(Encoding.UTF8.GetString(content.Span));
        var rows = CsvParser.Parse(reader).ToList();
        if (rows.Count == 0 || !rows[0].Fields.SequenceEqual(Columns))
        {
            throw new InvalidDataException($"{FileName}: the header must be {string.Join(',', Columns)}.");
        }

        var groups = new SortedDictionary<SkuNode, (List<GroupContribution> Level, List<GroupContribution> Spread)>();
        foreach (var row in rows.Skip(1))
        {
            var f = row.Fields;
            if (f.Length != Columns.Count)
            {
                throw new InvalidDataException($"{FileName} line {row.Line}: {Columns.Count} fields expected, got {f.Length}.");
            }

            if (!double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw new InvalidDataException($"{FileName} line {row.Line}: value '{f[4]}' is not a finite number.");
            }

            DateOnly? peak = null;
            if (f[6].Length > 0)
            {
                peak = DateOnly.TryParseExact(f[6], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw new InvalidDataException($"{FileName} line {row.Line}: peak_date '{f[6]}' is not a yyyy-MM-dd date.");
            }

            var key = new SkuNode(f[0], f[1]);
            if (!groups.TryGetValue(key, out var lists))
            {
                groups[key] = lists = ([], []);
            }

            var list = f[2] switch
            {
                "level" => lists.Level,
                "spread" => lists.Spread,
                _ => throw new InvalidDataException($"{FileName} line {row.Line}: measure '{f[2]}' is not level or spread."),
            };
            list.Add(new GroupContribution(f[3], value, peak));
        }

        return groups.ToDictionary(kv => kv.Key, kv => new NodeForecastContributions(kv.Value.Level, kv.Value.Spread));
    }
}
