using System.Globalization;
using System.Text;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Input;
using nietras.SeparatedValues;
using Sylvan.Data.Csv;

namespace MeioForecast.Csv.Benchmarks;

/// <summary>
/// Input files read into what the input loader consumes: per record its line and its fields as strings, the text decoded
/// as strict UTF-8. Each returns a checksum over line numbers and field lengths.
/// </summary>
internal static class RecordReaders
{
    private static StreamReader Open(string path) =>
        new(path, new UTF8Encoding(false, throwOnInvalidBytes: true), false, new FileStreamOptions { BufferSize = 1 << 16 });

    public static double Ours(IEnumerable<string> files)
    {
        var sum = 0.0;
        foreach (var file in files)
        {
            using var reader = Open(file);
            foreach (var record in FrozenCsvParser.Parse(reader))
            {
                sum += Sum(record.Line, record.Fields);
            }
        }

        return sum;
    }

    public static double Sep(IEnumerable<string> files)
    {
        var sum = 0.0;
        foreach (var file in files)
        {
            using var text = Open(file);
            using var reader = nietras.SeparatedValues.Sep.Reader(o => o with { Unescape = true, HasHeader = false, CultureInfo = CultureInfo.InvariantCulture }).From(text);
            foreach (var row in reader)
            {
                var fields = new string[row.ColCount];
                for (var c = 0; c < fields.Length; c++)
                {
                    fields[c] = row[c].ToString();
                }

                sum += Sum(row.LineNumberFrom, fields);
            }
        }

        return sum;
    }

    public static double Sylvan(IEnumerable<string> files)
    {
        var sum = 0.0;
        foreach (var file in files)
        {
            using var reader = CsvDataReader.Create(Open(file), new CsvDataReaderOptions { Delimiter = ',', HasHeaders = false });
            while (reader.Read())
            {
                var fields = new string[reader.RowFieldCount];
                for (var c = 0; c < fields.Length; c++)
                {
                    fields[c] = reader.GetString(c);
                }

                sum += Sum(reader.RowNumber, fields);
            }
        }

        return sum;
    }

    /// <summary>
    /// CsvHelper 34 as src reads input files (<see cref="CsvParser.ParseFile"/>: UTF-8 bytes, strict UTF-8 check per
    /// record, line numbers, the record and field bounds, unterminated quotes named).
    /// </summary>
    public static double CsvHelper(IEnumerable<string> files)
    {
        var sum = 0.0;
        foreach (var file in files)
        {
            foreach (var record in CsvParser.ParseFile(file))
            {
                sum += Sum(record.Line, record.Fields);
            }
        }

        return sum;
    }

    /// <summary>The whole input load; the checksum is the number of demand series and signals.</summary>
    public static double Load(string folder)
    {
        var input = PlanningInputLoader.Load(folder);
        return input.Demand.Count + input.Signals.Count;
    }

    private static double Sum(int line, string[] fields)
    {
        var sum = (double)line;
        foreach (var f in fields)
        {
            sum += f.Length;
        }

        return sum;
    }
}
