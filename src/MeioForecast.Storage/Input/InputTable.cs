using System.Globalization;
using System.Text;
using MeioForecast.Storage.Csv;

namespace MeioForecast.Storage.Input;

/// <summary>
/// One input CSV file read against its expected columns; typed field access records errors instead of throwing.
/// The header is read at once; the data rows are streamed from the file by <see cref="Records"/> (enumerate once), so a
/// demand file of tens of millions of rows is never held in memory as records.
/// </summary>
internal sealed class InputTable
{
    private readonly Dictionary<string, int> _columns;
    private readonly string _path;
    private readonly int _fieldCount;

    private InputTable(string fileName, string path, Dictionary<string, int> columns, int fieldCount, InputErrors errors)
    {
        FileName = fileName;
        _path = path;
        _columns = columns;
        _fieldCount = fieldCount;
        Errors = errors;
    }

    public string FileName { get; }

    /// <summary>
    /// The data rows in file order, streamed; a row whose field count differs from the header's is reported
    /// (<see cref="InputRule.FieldCount"/>) and skipped. Enumerate once: each enumeration re-reads the file.
    /// </summary>
    public IEnumerable<CsvRecord> Records
    {
        get
        {
            using var reader = Open(_path);
            foreach (var record in CsvParser.Parse(reader).Skip(1))
            {
                if (record.Fields.Length != _fieldCount)
                {
                    Errors.Add(FileName, record.Line, "", InputRule.FieldCount, $"row has {record.Fields.Length} fields, the header has {_fieldCount}");
                    continue;
                }

                yield return record;
            }
        }
    }

    public InputErrors Errors { get; }

    /// <summary>Reads the header of <paramref name="fileName"/> in <paramref name="folder"/>; null when absent (an error if required) or its header lacks columns.</summary>
    public static InputTable? Read(string folder, string fileName, bool required, IReadOnlyList<string> requiredColumns, InputErrors errors)
    {
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            if (required)
            {
                errors.Add(fileName, 0, "", InputRule.MissingFile, $"required file {fileName} is missing from {folder}");
            }

            return null;
        }

        CsvRecord? header;
        using (var reader = Open(path))
        {
            header = CsvParser.Parse(reader).FirstOrDefault();
        }

        if (header is null)
        {
            errors.Add(fileName, 1, "", InputRule.MissingColumn, $"{fileName} is empty: a header row is required ({string.Join(",", requiredColumns)})");
            return null;
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Length; i++)
        {
            columns.TryAdd(header.Fields[i].Trim(), i);
        }

        var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        foreach (var column in missing)
        {
            errors.Add(fileName, 1, column, InputRule.MissingColumn, $"column '{column}' is missing from the header");
        }

        return missing.Count > 0 ? null : new InputTable(fileName, path, columns, header.Fields.Length, errors);
    }

    private static StreamReader Open(string path) =>
        new(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });

    public bool HasColumn(string column) => _columns.ContainsKey(column);

    /// <summary>The trimmed field, or "" when the column is absent.</summary>
    public string Text(CsvRecord row, string column) =>
        _columns.TryGetValue(column, out var i) ? row.Fields[i].Trim() : "";

    public string? Required(CsvRecord row, string column)
    {
        var text = Text(row, column);
        if (text.Length == 0)
        {
            Errors.Add(FileName, row.Line, column, InputRule.EmptyField, $"'{column}' is required");
            return null;
        }

        return text;
    }

    public double? Number(CsvRecord row, string column, bool required = true, bool nonNegative = false)
    {
        var text = Text(row, column);
        if (text.Length == 0)
        {
            if (required)
            {
                Errors.Add(FileName, row.Line, column, InputRule.EmptyField, $"'{column}' is required");
            }

            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Errors.Add(FileName, row.Line, column, InputRule.UnparsableNumber, $"'{text}' is not a number (use '.' as the decimal separator)");
            return null;
        }

        if (nonNegative && value < 0)
        {
            Errors.Add(FileName, row.Line, column, InputRule.NegativeValue, $"{text} is negative; '{column}' must be >= 0");
            return null;
        }

        return value;
    }

    public int? Integer(CsvRecord row, string column, bool required = true)
    {
        var value = Number(row, column, required, nonNegative: true);
        if (value is { } v && v != Math.Floor(v))
        {
            Errors.Add(FileName, row.Line, column, InputRule.OutOfRange, $"{v} must be a whole number");
            return null;
        }

        return value is { } w ? (int)w : null;
    }

    public DateOnly? Date(CsvRecord row, string column)
    {
        var text = Required(row, column);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Errors.Add(FileName, row.Line, column, InputRule.UnparsableDate, $"'{text}' is not a date in the form yyyy-MM-dd");
            return null;
        }

        return date;
    }
}
