using System.Globalization;
using System.Text;
using MeioForecast.Storage.Csv;

namespace MeioForecast.Storage.Reports;

/// <summary>A run CSV file read by column name for the report; errors name the file, line and column.</summary>
internal sealed class ReportCsvTable
{
    private readonly Dictionary<string, int> _columns;

    private ReportCsvTable(string file, string[] header, List<CsvRecord> rows)
    {
        File = file;
        Header = header;
        Rows = rows;
        _columns = header.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
    }

    public string File { get; }

    public string[] Header { get; }

    public IReadOnlyList<CsvRecord> Rows { get; }

    public static ReportCsvTable Parse(string file, ReadOnlyMemory<byte> content)
    {
        using var reader = new StringReader(Encoding.UTF8.GetString(content.Span));
        var records = CsvParser.Parse(reader).ToList();
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{file}: empty file, expected a header.");
        }

        return new ReportCsvTable(file, records[0].Fields, records.Skip(1).ToList());
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    public int Index(string column) =>
        _columns.TryGetValue(column, out var i) ? i : throw new InvalidDataException($"{File}: column '{column}' is missing.");

    public static string Text(CsvRecord row, int index, string file) =>
        index < row.Fields.Length ? row.Fields[index] : throw new InvalidDataException($"{file} line {row.Line}: too few fields.");

    public string Text(CsvRecord row, int index) => Text(row, index, File);

    public double Number(CsvRecord row, int index) =>
        double.TryParse(Text(row, index), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidDataException($"{File} line {row.Line}, column '{Header[index]}': '{Text(row, index)}' is not a number.");

    public double? OptionalNumber(CsvRecord row, int index) => Text(row, index).Length == 0 ? null : Number(row, index);

    public DateOnly Date(CsvRecord row, int index) =>
        DateOnly.TryParseExact(Text(row, index), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new InvalidDataException($"{File} line {row.Line}, column '{Header[index]}': '{Text(row, index)}' is not a yyyy-MM-dd date.");
}
