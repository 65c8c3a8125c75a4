using System.Globalization;
using MeioForecast.Storage.Input;

namespace MeioForecast.Storage.Csv;

/// <summary>
/// A plain numeric CSV table (header row + numeric fields) read column-major, as used by <c>meio gbdt</c>. Empty fields
/// and NA, NaN, null (any case) read as missing (NaN). Any other non-numeric field is an input error naming file, line
/// and column.
/// </summary>
public sealed class NumericCsvTable
{
    private NumericCsvTable(IReadOnlyList<string> columns, IReadOnlyList<double[]> values)
    {
        Columns = columns;
        Values = values;
    }

    /// <summary>Column names from the header.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Values per column (column-major).</summary>
    public IReadOnlyList<double[]> Values { get; }

    /// <summary>Number of data rows.</summary>
    public int RowCount => Values.Count == 0 ? 0 : Values[0].Length;

    /// <summary>Index of column <paramref name="name"/>; throws an input error naming the file when it is absent.</summary>
    public int IndexOf(string name, string file)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == name)
            {
                return i;
            }
        }

        throw new InputValidationException($"{file}: no column '{name}' (columns: {string.Join(", ", Columns)}).");
    }

    /// <summary>Reads the table at <paramref name="path"/>.</summary>
    public static NumericCsvTable Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        string[]? header = null;
        List<double>[]? cols = null;
        foreach (var record in CsvParser.Parse(reader))
        {
            if (header is null)
            {
                header = record.Fields.Select(f => f.Trim()).ToArray();
                if (header.Distinct(StringComparer.Ordinal).Count() != header.Length)
                {
                    throw new InputValidationException($"{path}:{record.Line}: duplicate column names in the header.");
                }

                cols = header.Select(_ => new List<double>()).ToArray();
                continue;
            }

            if (record.Fields.Length != header.Length)
            {
                throw new InputValidationException(
                    $"{path}:{record.Line}: {record.Fields.Length} fields, the header has {header.Length}.");
            }

            for (var c = 0; c < header.Length; c++)
            {
                cols![c].Add(Parse(record.Fields[c], path, record.Line, header[c]));
            }
        }

        if (header is null)
        {
            throw new InputValidationException($"{path}: the file is empty (a header row is required).");
        }

        return new NumericCsvTable(header, cols!.Select(l => l.ToArray()).ToArray());
    }

    /// <summary>Writes columns as CSV (shortest round-trip number form, NaN as an empty field, LF line ends).</summary>
    public static void Write(string path, IReadOnlyList<string> columns, IReadOnlyList<double[]> values)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine(string.Join(',', columns.Select(CsvParser.Escape)));
        var rows = values.Count == 0 ? 0 : values[0].Length;
        var fields = new string[values.Count];
        for (var i = 0; i < rows; i++)
        {
            for (var c = 0; c < values.Count; c++)
            {
                var v = values[c][i];
                fields[c] = double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);
            }

            writer.WriteLine(string.Join(',', fields));
        }
    }

    private static double Parse(string field, string path, int line, string column)
    {
        var s = field.Trim();
        if (s.Length == 0 || s.Equals("NA", StringComparison.OrdinalIgnoreCase)
            || s.Equals("NaN", StringComparison.OrdinalIgnoreCase) || s.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
        {
            return v;
        }

        throw new InputValidationException($"{path}:{line}: column '{column}': '{field}' is not a number.");
    }
}
