using System.Globalization;
using System.Text;
using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Explanations;

/// <summary>
/// node_drivers.csv (docs/output-format.md): the driver values of every sku-node, one row per sku-node and forecast
/// period (period 0 = the first forecast period); the per-node columns repeat on each of its rows. Numbers are written in
/// round-trip form (not rounded) so the next run values the previous buffer exactly as this run computed it.
/// </summary>
public static class NodeDriversCsv
{
    /// <summary>The file name.</summary>
    public const string FileName = "node_drivers.csv";

    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "sku", "location", "period", "mean_demand", "demand_variance", "lead_time_mean", "lead_time_sd", "service_level",
        "unit_holding_cost", "outbound_service_time", "inbound_service_time", "covers_lateness",
    ];

    /// <summary>Formats <paramref name="drivers"/> in sku-node order.</summary>
    public static RunFile Write(IReadOnlyDictionary<SkuNode, NodeDrivers> drivers)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        var table = new CsvTableWriter(Columns);
        foreach (var (key, d) in drivers.OrderBy(kv => kv.Key))
        {
            if (d.Mean.Count != d.Variance.Count || d.Mean.Count == 0)
            {
                throw new ArgumentException($"{key}: demand mean and variance need the same, positive number of periods.", nameof(drivers));
            }

            for (var t = 0; t < d.Mean.Count; t++)
            {
                table.AddRow(
                    key.Sku, key.Location, t.ToString(CultureInfo.InvariantCulture), R(d.Mean[t]), R(d.Variance[t]), R(d.LeadTimeMean),
                    R(d.LeadTimeSd), R(d.ServiceLevel), R(d.UnitHoldingCost), R(d.OutboundServiceTime), R(d.InboundServiceTime),
                    d.CoversLateness ? "1" : "0");
            }
        }

        return new RunFile(FileName, table.ToBytes(), table.Rows);
    }

    /// <summary>
    /// Parses a node_drivers.csv; throws <see cref="InvalidDataException"/> with the line on a malformed file. A file
    /// written before <c>covers_lateness</c> existed (its header without the last column) reads as 0 there.
    /// </summary>
    public static IReadOnlyDictionary<SkuNode, NodeDrivers> Read(ReadOnlyMemory<byte> content)
    {
        using var reader = new StringReader(Encoding.UTF8.GetString(content.Span));
        var rows = CsvParser.Parse(reader).ToList();
        var columns = rows.Count > 0 && rows[0].Fields.SequenceEqual(Columns.Take(Columns.Count - 1)) ? Columns.Count - 1 : Columns.Count;
        if (rows.Count == 0 || !rows[0].Fields.SequenceEqual(Columns.Take(columns)))
        {
            throw new InvalidDataException($"{FileName}: the header must be {string.Join(',', Columns)}.");
        }

        var result = new SortedDictionary<SkuNode, NodeDrivers>();
        var mean = new List<double>();
        var variance = new List<double>();
        CsvRecord? first = null;
        foreach (var row in rows.Skip(1).Append(null))
        {
            if (first is not null && (row is null || row.Fields[0] != first.Fields[0] || row.Fields[1] != first.Fields[1]))
            {
                var f = first.Fields;
                var key = new SkuNode(f[0], f[1]);
                result[key] = new NodeDrivers(
                    mean.ToArray(), variance.ToArray(), P(first, 5), P(first, 6), P(first, 7), P(first, 8), P(first, 9), P(first, 10))
                {
                    CoversLateness = columns == Columns.Count && Flag(first, 11),
                };
                mean.Clear();
                variance.Clear();
                first = null;
            }

            if (row is null)
            {
                break;
            }

            if (row.Fields.Length != columns)
            {
                throw new InvalidDataException($"{FileName} line {row.Line}: {columns} fields expected, got {row.Fields.Length}.");
            }

            first ??= row;
            if (P(row, 2) != mean.Count)
            {
                throw new InvalidDataException($"{FileName} line {row.Line}: period {row.Fields[2]} out of order (expected {mean.Count}).");
            }

            mean.Add(P(row, 3));
            variance.Add(P(row, 4));
        }

        return result;
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static bool Flag(CsvRecord row, int column) => row.Fields[column] switch
    {
        "1" => true,
        "0" => false,
        var other => throw new InvalidDataException($"{FileName} line {row.Line}: {Columns[column]} '{other}' is not 0 or 1."),
    };

    private static double P(CsvRecord row, int column) =>
        double.TryParse(row.Fields[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new InvalidDataException($"{FileName} line {row.Line}: {Columns[column]} '{row.Fields[column]}' is not a finite number.");
}
