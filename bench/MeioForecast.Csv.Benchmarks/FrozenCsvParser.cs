using System.Text;
using MeioForecast.Storage.Csv;

namespace MeioForecast.Csv.Benchmarks;

/// <summary>
/// Frozen copy of the hand-written parser that src used before CsvHelper 34 (commit ed43515), kept as the benchmark's
/// "ours". RFC 4180 CSV parsing: comma separator, double-quote quoting with "" escapes, quoted fields may span lines,
/// CRLF or LF line ends. Blank lines are skipped. Yields each record with the line it starts on. Memory is bounded
/// whatever the text: a field longer than <see cref="MaxFieldLength"/> characters or a record of more than
/// <see cref="MaxFields"/> fields stops the parse with a <see cref="CsvFormatException"/> naming the line (a 2 GB file
/// without a line break costs 64 KiB of buffer, not 4 GB of string), and so does a quoted field still open at the end
/// of the text ("unterminated quote", named with the line the quote opens on).
/// </summary>
internal static class FrozenCsvParser
{
    /// <summary>Longest field accepted, in characters (ids, numbers and distributions are far shorter).</summary>
    public const int MaxFieldLength = 100_000;

    /// <summary>Most fields accepted in one record.</summary>
    public const int MaxFields = 10_000;

    private static readonly System.Buffers.SearchValues<char> Plain = System.Buffers.SearchValues.Create(",\r\n\"");
    private static readonly System.Buffers.SearchValues<char> Quoted = System.Buffers.SearchValues.Create("\"\n");

    /// <summary>
    /// Parses all records of <paramref name="reader"/>. Reads in 64 KiB blocks and copies runs of ordinary characters
    /// at once (a demand file of 40 million rows parses at disk speed); a carriage return outside quotes is dropped.
    /// </summary>
    public static IEnumerable<CsvRecord> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = new List<string>();
        var field = new StringBuilder();
        var buffer = new char[1 << 16];
        var length = 0;
        var pos = 0;
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldStarted = false;
        var quoteLine = 0;
        while (true)
        {
            if (pos == length)
            {
                length = reader.Read(buffer, 0, buffer.Length);
                pos = 0;
                if (length == 0)
                {
                    break;
                }
            }

            var rest = buffer.AsSpan(pos, length - pos);
            if (inQuotes)
            {
                var run = rest.IndexOfAny(Quoted);
                if (run < 0)
                {
                    Append(field, rest, line, quoteLine);
                    pos = length;
                    continue;
                }

                Append(field, rest[..run], line, quoteLine);
                pos += run + 1;
                if (rest[run] == '\n')
                {
                    line++;
                    field.Append('\n');
                    continue;
                }

                // A quote: "" is an escaped quote, anything else closes the field (the next character may be in the next block).
                if (pos == length)
                {
                    length = reader.Read(buffer, 0, buffer.Length);
                    pos = 0;
                }

                if (pos < length && buffer[pos] == '"')
                {
                    pos++;
                    field.Append('"');
                }
                else
                {
                    inQuotes = false;
                }

                continue;
            }

            var plain = rest.IndexOfAny(Plain);
            if (plain < 0)
            {
                Append(field, rest, line, null);
                pos = length;
                continue;
            }

            Append(field, rest[..plain], line, null);
            pos += plain + 1;
            switch (rest[plain])
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    fieldStarted = true;
                    quoteLine = line;
                    break;
                case '"':
                    field.Append('"');
                    break;
                case ',':
                    if (fields.Count >= MaxFields)
                    {
                        throw new CsvFormatException(recordLine, $"more than {MaxFields} fields in one record");
                    }

                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r':
                    break;
                default:
                    if (fieldStarted || field.Length > 0 || fields.Count > 0)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(recordLine, fields.ToArray());
                    }

                    fields.Clear();
                    field.Clear();
                    fieldStarted = false;
                    line++;
                    recordLine = line;
                    break;
            }
        }

        if (inQuotes)
        {
            throw new CsvFormatException(quoteLine, $"unterminated quote: the quoted field opened on line {quoteLine} is never closed");
        }

        if (fieldStarted || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields.ToArray());
        }
    }

    /// <summary>Appends to the current field within <see cref="MaxFieldLength"/>; a quoted field that outgrows it is most likely an unterminated quote.</summary>
    private static void Append(StringBuilder field, ReadOnlySpan<char> text, int line, int? quoteLine)
    {
        if (field.Length + text.Length > MaxFieldLength)
        {
            throw quoteLine is { } opened
                ? new CsvFormatException(opened, $"unterminated quote: the quoted field opened on line {opened} runs past {MaxFieldLength} characters (line {line}) without a closing quote")
                : new CsvFormatException(line, $"a field is longer than {MaxFieldLength} characters");
        }

        field.Append(text);
    }
}
