using System.Buffers;
using System.Globalization;
using MeioForecast.Storage.Csv;

namespace MeioForecast.Storage.Input;

/// <summary>
/// One input CSV file read against its expected columns; typed field access records errors instead of throwing.
/// The header is read at once; the data rows are streamed from the file by <see cref="Records"/> (enumerate once), so a
/// demand file of tens of millions of rows is never held in memory as records. The text must be UTF-8 (strict: an
/// invalid byte is an error naming its line and byte offset; a UTF-8 BOM is skipped); a file the parser cannot read to its end (<see cref="CsvFormatException"/>)
/// is reported once at its line and marked <see cref="Complete"/> = false, so checks that reference it stay quiet.
/// </summary>
internal sealed class InputTable
{
    private static readonly SearchValues<char> FormulaStart = SearchValues.Create("=+-@\t\r");
    private readonly Dictionary<string, int> _columns;
    private readonly string _path;
    private readonly int _fieldCount;
    private readonly bool _required;

    private InputTable(string fileName, string path, Dictionary<string, int> columns, int fieldCount, bool required, InputErrors errors)
    {
        FileName = fileName;
        _path = path;
        _columns = columns;
        _fieldCount = fieldCount;
        _required = required;
        Errors = errors;
    }

    public string FileName { get; }

    /// <summary>False once the file could not be read to its end (malformed CSV, invalid UTF-8).</summary>
    public bool Complete { get; private set; } = true;

    /// <summary>Data rows seen by the last enumeration of <see cref="Records"/>, including rows with the wrong field count.</summary>
    public long RowCount { get; private set; }

    /// <summary>
    /// The data rows in file order, streamed; a row whose field count differs from the header's is reported
    /// (<see cref="InputRule.FieldCount"/>) and skipped. A required file without data rows is reported
    /// (<see cref="InputRule.NoRows"/>). Enumerate once: each enumeration re-reads the file.
    /// </summary>
    public IEnumerable<CsvRecord> Records
    {
        get
        {
            using var records = CsvParser.ParseFile(_path).GetEnumerator();
            var header = true;
            RowCount = 0;
            while (Next(records, out var record))
            {
                if (header)
                {
                    header = false;
                    continue;
                }

                RowCount++;
                if (record.Fields.Length != _fieldCount)
                {
                    Errors.Add(FileName, record.Line, "", InputRule.FieldCount, $"row has {record.Fields.Length} fields, the header has {_fieldCount}");
                    continue;
                }

                yield return record;
            }

            if (RowCount == 0 && Complete && _required)
            {
                Errors.Add(FileName, 1, "", InputRule.NoRows, $"{FileName} has a header but no rows");
            }
        }
    }

    public InputErrors Errors { get; }

    /// <summary>Reads the header of <paramref name="fileName"/> in <paramref name="folder"/>; null when absent (an error if required) or its header is unusable.</summary>
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

        var probe = new InputTable(fileName, path, [], 0, required, errors);
        CsvRecord? header;
        using (var records = CsvParser.ParseFile(path).GetEnumerator())
        {
            header = probe.Next(records, out var first) ? first : null;
        }

        if (!probe.Complete)
        {
            return null;
        }

        if (header is null)
        {
            errors.Add(fileName, 1, "", InputRule.MissingColumn, $"{fileName} is empty: a header row is required ({string.Join(",", requiredColumns)})");
            return null;
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var duplicated = false;
        for (var i = 0; i < header.Fields.Length; i++)
        {
            var name = header.Fields[i].Trim();
            if (!columns.TryAdd(name, i) && name.Length > 0)
            {
                // Which of two same-named columns holds the data is a guess: refuse rather than pick one.
                errors.Add(fileName, 1, name, InputRule.DuplicateColumn, $"column '{name}' appears twice in the header (fields {columns[name] + 1} and {i + 1})");
                duplicated = true;
            }
        }

        var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        foreach (var column in missing)
        {
            errors.Add(fileName, 1, column, InputRule.MissingColumn, $"column '{column}' is missing from the header");
        }

        return missing.Count > 0 || duplicated ? null : new InputTable(fileName, path, columns, header.Fields.Length, required, errors);
    }

    /// <summary>The next record; a parse or encoding error is reported at its line and ends the file (<see cref="Complete"/> = false).</summary>
    private bool Next(IEnumerator<CsvRecord> records, out CsvRecord record)
    {
        record = null!;
        if (!Complete)
        {
            return false;
        }

        try
        {
            if (!records.MoveNext())
            {
                return false;
            }

            record = records.Current;
            return true;
        }
        catch (CsvEncodingException ex)
        {
            Errors.Add(FileName, ex.Line, "", InputRule.InvalidEncoding,
                $"invalid UTF-8 at byte {ex.ByteOffset} (save the file as UTF-8; Latin-1 and Windows-1252 are not accepted); the rest of the file is not read");
        }
        catch (CsvFormatException ex)
        {
            Errors.Add(FileName, ex.Line, "", InputRule.MalformedCsv, ex.Message + "; the rest of the file is not read");
        }

        Complete = false;
        return false;
    }

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

    /// <summary>
    /// A required id (sku, location, signal): at most <see cref="InputLimits.MaxIdLength"/> characters, not starting
    /// with = + - @ or a tab (a spreadsheet would run it as a formula when a planner opens targets.csv).
    /// </summary>
    public string? Id(CsvRecord row, string column, bool required = true)
    {
        var text = required ? Required(row, column) : Text(row, column);
        if (text is null or { Length: 0 })
        {
            return text;
        }

        if (text.Length > InputLimits.MaxIdLength)
        {
            Errors.Add(FileName, row.Line, column, InputRule.OutOfRange, $"'{column}' is {text.Length} characters long; at most {InputLimits.MaxIdLength}");
            return null;
        }

        if (FormulaStart.Contains(text[0]))
        {
            Errors.Add(FileName, row.Line, column, InputRule.OutOfRange, $"'{column}' '{text}' starts with '{text[0]}': ids must not start with = + - @ (spreadsheet formulas)");
            return null;
        }

        return text;
    }

    /// <summary>A finite number within [<paramref name="min"/>, <paramref name="max"/>] (an exclusive lower bound when <paramref name="minExclusive"/>).</summary>
    public double? Number(CsvRecord row, string column, double min, double max, bool required = true, bool minExclusive = false)
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
            Errors.Add(FileName, row.Line, column, InputRule.UnparsableNumber, $"'{Shorten(text)}' is not a finite number (use '.' as the decimal separator)");
            return null;
        }

        if (value < 0 && min >= 0)
        {
            Errors.Add(FileName, row.Line, column, InputRule.NegativeValue, $"{text} is negative; '{column}' must be >= 0");
            return null;
        }

        if (value < min || value > max || (minExclusive && value == min))
        {
            var low = minExclusive ? $"> {Format(min)}" : $">= {Format(min)}";
            Errors.Add(FileName, row.Line, column, InputRule.OutOfRange, $"{Shorten(text)} is out of range; '{column}' must be {low} and <= {Format(max)}");
            return null;
        }

        return value;
    }

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int? Integer(CsvRecord row, string column, int min, int max, bool required = true)
    {
        var value = Number(row, column, min, max, required);
        if (value is { } v && v != Math.Floor(v))
        {
            Errors.Add(FileName, row.Line, column, InputRule.OutOfRange, $"{Format(v)} must be a whole number");
            return null;
        }

        return value is { } w ? (int)w : null;
    }

    /// <summary>A required date yyyy-MM-dd within <see cref="InputLimits.MinDate"/>..<see cref="InputLimits.MaxDate"/>.</summary>
    public DateOnly? Date(CsvRecord row, string column)
    {
        var text = Required(row, column);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Errors.Add(FileName, row.Line, column, InputRule.UnparsableDate, $"'{Shorten(text)}' is not a date in the form yyyy-MM-dd");
            return null;
        }

        if (date < InputLimits.MinDate || date > InputLimits.MaxDate)
        {
            Errors.Add(FileName, row.Line, column, InputRule.ImplausibleDate,
                $"{text} is outside {InputLimits.MinDate:yyyy-MM-dd}..{InputLimits.MaxDate:yyyy-MM-dd} (a typo in the year?)");
            return null;
        }

        return date;
    }

    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A field quoted in a message, cut to 60 characters.</summary>
    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
