using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MeioForecast.Storage.Input;

namespace MeioForecast.Storage.Csv;

/// <summary>
/// A plain numeric CSV table (header row + numeric fields) read column-major, as used by <c>meio gbdt</c>. Empty fields
/// and NA, NaN, null (any case) read as missing (NaN). Any other non-numeric field (or a non-finite number) is an input
/// error naming file, line and column; malformed CSV is an input error naming file and line.
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

    /// <summary>
    /// Reads the table at <paramref name="path"/> (strict UTF-8; numbers parsed from the bytes by CsvHelper's exactly
    /// rounded float parser, so no field becomes a string). The loops are compiled optimized at once: a `meio gbdt`
    /// process reads its table once, and tiered compilation left them in unoptimized code for most of an 80 MB read
    /// (0.67 s CPU against 0.22 s, bench/MeioForecast.Csv.Benchmarks).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static NumericCsvTable Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var reader = CsvRecordReader.Open(path);
            if (!reader.Read())
            {
                throw new InputValidationException($"{path}: the file is empty (a header row is required).");
            }

            var header = reader.Record().Fields.Select(f => f.Trim()).ToArray();
            if (header.Distinct(StringComparer.Ordinal).Count() != header.Length)
            {
                throw new InputValidationException($"{path}:{reader.Line}: duplicate column names in the header.");
            }

            List<double>[]? cols = null;
            while (reader.Read())
            {
                if (reader.FieldCount != header.Length)
                {
                    throw new InputValidationException($"{path}:{reader.Line}: {reader.FieldCount} fields, the header has {header.Length}.");
                }

                // Sized from the first row's length: the columns of an 80 MB table then never grow by copying.
                cols ??= header.Select(_ => new List<double>(Capacity(path, reader))).ToArray();
                for (var c = 0; c < header.Length; c++)
                {
                    cols[c].Add(Number(reader, c, path, header[c]));
                }
            }

            return new NumericCsvTable(header, (cols ?? header.Select(_ => new List<double>()).ToArray()).Select(l => l.ToArray()).ToArray());
        }
        catch (CsvFormatException ex)
        {
            throw new InputValidationException($"{path}:{ex.Line}: {ex.Message}.");
        }
    }

    /// <summary>
    /// The 1-based line on which data row <paramref name="row"/> (0-based) of the table at <paramref name="path"/> starts:
    /// blank lines and quoted line breaks make it differ from row + 2. Reads the file again, so it is for error messages
    /// only (the table keeps no line per row: an 80 MB table would carry them for nothing).
    /// </summary>
    public static int LineOfRow(string path, int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        using var reader = CsvRecordReader.Open(path);
        for (var i = -1; i <= row; i++)
        {
            if (!reader.Read())
            {
                throw new ArgumentOutOfRangeException(nameof(row), row, $"{path} has fewer data rows.");
            }
        }

        return reader.Line;
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Number(CsvRecordReader reader, int column, string path, string name)
    {
        var s = reader.GetSpan(column).Trim(" \t"u8);
        if (s.Length == 0 || Ascii.EqualsIgnoreCase(s, "NA"u8) || Ascii.EqualsIgnoreCase(s, "NaN"u8) || Ascii.EqualsIgnoreCase(s, "null"u8))
        {
            return double.NaN;
        }

        if (reader.TryParse(column, out var v) && double.IsFinite(v))
        {
            return v;
        }

        throw new InputValidationException($"{path}:{reader.Line}: column '{name}': '{reader.GetString(column)}' is not a number.");
    }

    private static int Capacity(string path, CsvRecordReader reader)
    {
        var rowBytes = Math.Max(1, reader.FieldCount * 2);
        for (var c = 0; c < reader.FieldCount; c++)
        {
            rowBytes += reader.GetSpan(c).Length;
        }

        return (int)Math.Min(1 << 26, new FileInfo(path).Length / rowBytes + 16);
    }
}
