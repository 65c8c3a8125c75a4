namespace MeioForecast.Storage.Csv;

/// <summary>
/// RFC 4180 CSV records (comma separator, double-quote quoting with "" escapes, quoted fields may span lines, blank lines
/// skipped), each with the line it starts on, read by CsvHelper 34 under the bounds of the input contract
/// (<see cref="CsvRecordReader"/>): a field longer than <see cref="MaxFieldLength"/> characters, a record of more than
/// <see cref="MaxFields"/> fields or not complete within <see cref="MaxRecordBytes"/>, and a quoted field still open at the
/// end of the text ("unterminated quote", named with the line the quote opens on) stop the parse with a
/// <see cref="CsvFormatException"/> naming the line.
/// </summary>
public static class CsvParser
{
    /// <summary>Longest field accepted, in characters (ids, numbers and distributions are far shorter).</summary>
    public const int MaxFieldLength = 100_000;

    /// <summary>Most fields accepted in one record.</summary>
    public const int MaxFields = 10_000;

    /// <summary>
    /// Largest record the reader buffers, in bytes of UTF-8 (1 MiB; a lane with 1,000 lead-time outcomes is ~20 KB): the
    /// bound on memory for a quote that is never closed or a file without line breaks.
    /// </summary>
    public const int MaxRecordBytes = 1 << 20;

    /// <summary>Parses all records of <paramref name="reader"/> (text already decoded, e.g. from a blob stream).</summary>
    public static IEnumerable<CsvRecord> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var records = CsvRecordReader.FromText(reader);
        while (records.Read())
        {
            yield return records.Record();
        }
    }

    /// <summary>Parses all records of the file at <paramref name="path"/> as strict UTF-8 (<see cref="CsvEncodingException"/> at the first bad byte).</summary>
    public static IEnumerable<CsvRecord> ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var records = CsvRecordReader.Open(path);
        while (records.Read())
        {
            yield return records.Record();
        }
    }

    /// <summary>Quotes a field when it contains a comma, quote or line break.</summary>
    public static string Escape(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
