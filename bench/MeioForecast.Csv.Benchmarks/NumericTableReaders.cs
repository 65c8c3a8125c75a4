using System.Globalization;
using System.Text;
using MeioForecast.Storage.Csv;
using nietras.SeparatedValues;
using Sylvan.Data.Csv;

namespace MeioForecast.Csv.Benchmarks;

/// <summary>
/// The `meio gbdt` table read four ways: header + numeric fields into column-major doubles, the missing tokens (empty, NA,
/// NaN, null) as NaN. Each returns a checksum over the values (column-weighted, so a column mix-up shows).
/// </summary>
internal static class NumericTableReaders
{
    /// <summary>The readers by name, ours first.</summary>
    public static IReadOnlyList<(string Name, Func<string, double> Read)> All { get; } =
    [
        ("ours (CsvParser + double.TryParse)", Ours),
        ("Sep 0.18.0 + double.TryParse", Sep),
        ("Sep 0.18.0 + its csFastFloat", SepFastFloat),
        ("Sylvan.Data.Csv 1.4.4 + double.TryParse", Sylvan),
        ("CsvHelper 34.0.0 (UTF-8) + double.TryParse", CsvHelper),
        ("CsvHelper 34.0.0 (UTF-8) + its FastFloat", CsvHelperFastFloat),
        ("src: NumericCsvTable.Read (CsvHelper 34)", path => Checksum([.. NumericCsvTable.Read(path).Values])),
    ];

    /// <summary>Our RFC 4180 parser (block reading, strings per field) and double.TryParse: the reader `meio gbdt` had before Sep.</summary>
    public static double Ours(string path)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false, true), false, new FileStreamOptions { BufferSize = 1 << 16 });
        List<double>[]? cols = null;
        foreach (var record in FrozenCsvParser.Parse(reader))
        {
            if (cols is null)
            {
                cols = record.Fields.Select(_ => new List<double>()).ToArray();
                continue;
            }

            for (var c = 0; c < cols.Length; c++)
            {
                cols[c].Add(Number(record.Fields[c]));
            }
        }

        return Checksum(cols!.Select(c => c.ToArray()).ToArray());
    }

    public static double Sep(string path)
    {
        using var reader = nietras.SeparatedValues.Sep.Reader(o => o with { Unescape = true, CultureInfo = CultureInfo.InvariantCulture }).FromFile(path);
        var n = reader.Header.ColNames.Count;
        var cols = Enumerable.Range(0, n).Select(_ => new List<double>()).ToArray();
        foreach (var row in reader)
        {
            for (var c = 0; c < n; c++)
            {
                cols[c].Add(Number(row[c].Span));
            }
        }

        return Checksum(cols.Select(c => c.ToArray()).ToArray());
    }

    /// <summary>Sep with its csFastFloat parser (<c>Col.TryParse&lt;double&gt;</c>) for the numbers.</summary>
    public static double SepFastFloat(string path)
    {
        using var reader = nietras.SeparatedValues.Sep.Reader(o => o with { Unescape = true, CultureInfo = CultureInfo.InvariantCulture }).FromFile(path);
        var n = reader.Header.ColNames.Count;
        var cols = Enumerable.Range(0, n).Select(_ => new List<double>()).ToArray();
        foreach (var row in reader)
        {
            for (var c = 0; c < n; c++)
            {
                var col = row[c];
                cols[c].Add(Missing(col.Span) ? double.NaN : col.TryParse<double>(out var v) ? v : throw new FormatException(col.ToString()));
            }
        }

        return Checksum(cols.Select(c => c.ToArray()).ToArray());
    }

    public static double Sylvan(string path)
    {
        using var reader = CsvDataReader.Create(path, new CsvDataReaderOptions { Delimiter = ',', HasHeaders = true });
        var n = reader.FieldCount;
        var cols = Enumerable.Range(0, n).Select(_ => new List<double>()).ToArray();
        while (reader.Read())
        {
            for (var c = 0; c < n; c++)
            {
                cols[c].Add(Number(reader.GetFieldSpan(c)));
            }
        }

        return Checksum(cols.Select(c => c.ToArray()).ToArray());
    }

    public static double CsvHelper(string path)
    {
        using var reader = global::CsvHelper.CsvReader.FromFile(path, global::CsvHelper.CsvReaderOptions.Default with { Separator = ',' });
        var n = reader.Headers.Count;
        var cols = Enumerable.Range(0, n).Select(_ => new List<double>()).ToArray();
        while (reader.Read())
        {
            for (var c = 0; c < n; c++)
            {
                cols[c].Add(Number(reader.GetSpan(c)));
            }
        }

        return Checksum(cols.Select(c => c.ToArray()).ToArray());
    }

    /// <summary>CsvHelper with its own UTF-8 float parser (<c>CsvReader.TryParse&lt;double&gt;</c>).</summary>
    public static double CsvHelperFastFloat(string path)
    {
        using var reader = global::CsvHelper.CsvReader.FromFile(path, global::CsvHelper.CsvReaderOptions.Default with { Separator = ',' });
        var n = reader.Headers.Count;
        var cols = Enumerable.Range(0, n).Select(_ => new List<double>()).ToArray();
        while (reader.Read())
        {
            for (var c = 0; c < n; c++)
            {
                cols[c].Add(Missing(reader.GetSpan(c)) ? double.NaN : reader.TryParse<double>(c, out var v) ? v : throw new FormatException(reader.GetString(c)));
            }
        }

        return Checksum(cols.Select(c => c.ToArray()).ToArray());
    }

    private static bool Missing(ReadOnlySpan<char> field)
    {
        var s = field.Trim();
        return s.Length == 0 || s.Equals("NA", StringComparison.OrdinalIgnoreCase) || s.Equals("NaN", StringComparison.OrdinalIgnoreCase)
               || s.Equals("null", StringComparison.OrdinalIgnoreCase);
    }

    private static bool Missing(ReadOnlySpan<byte> field)
    {
        var s = field.Trim(" \t"u8);
        return s.Length == 0 || Ascii.EqualsIgnoreCase(s, "NA"u8) || Ascii.EqualsIgnoreCase(s, "NaN"u8) || Ascii.EqualsIgnoreCase(s, "null"u8);
    }

    private static double Number(ReadOnlySpan<byte> field)
    {
        var s = field.Trim(" \t"u8);
        if (s.Length == 0 || Ascii.EqualsIgnoreCase(s, "NA"u8) || Ascii.EqualsIgnoreCase(s, "NaN"u8) || Ascii.EqualsIgnoreCase(s, "null"u8))
        {
            return double.NaN;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException(Encoding.UTF8.GetString(field));
    }

    private static double Number(ReadOnlySpan<char> field)
    {
        var s = field.Trim();
        if (s.Length == 0 || s.Equals("NA", StringComparison.OrdinalIgnoreCase) || s.Equals("NaN", StringComparison.OrdinalIgnoreCase)
            || s.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException(new string(field));
    }

    internal static double Checksum(double[][] cols)
    {
        var sum = 0.0;
        for (var c = 0; c < cols.Length; c++)
        {
            foreach (var v in cols[c])
            {
                sum += double.IsNaN(v) ? Math.PI * (c + 1) : v * (c + 1);
            }
        }

        return sum;
    }
}
