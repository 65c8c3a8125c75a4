using System.Text;
using MeioForecast.Storage.Csv;

namespace MeioForecast.Storage.Tests.Csv;

/// <summary>
/// The parser (CsvHelper 34 since issue 22) against a frozen copy of our first, character-by-character parser (the
/// reference): same records and line numbers on random records of plain fields (with stray quotes inside), quoted
/// fields ("" escapes, commas, embedded line breaks), LF and CRLF line ends, blank lines, a missing final line break and
/// a quote left open at the end; read through a reader that hands out at most a few characters per call, so every block
/// boundary position is crossed. Malformed quoting beyond that (a lone CR, text with quotes after a closing quote) is
/// read the way CsvHelper recovers it, not as the reference did.
/// </summary>
public sealed class CsvParserTests
{
    [Fact]
    public void Parser_equals_the_character_parser_on_random_csv()
    {
        var random = new Random(5);
        string[] plain = ["a", "bc", "12.5", " ", "x\"y", "z\"\"", ""];
        string[] quoted = ["\"q,\nr\"", "\"\"", "\"a\"\"b\"", "\"\r\n,\"\"\"", "\"x y\""];
        string[] breaks = ["\n", "\r\n", "\n\n", "\r\n\r\n"];
        for (var sample = 0; sample < 400; sample++)
        {
            var text = new StringBuilder();
            var records = random.Next(0, 12);
            for (var r = 0; r < records; r++)
            {
                var fields = random.Next(1, 6);
                for (var f = 0; f < fields; f++)
                {
                    text.Append(f > 0 ? "," : "").Append(random.Next(3) == 0 ? quoted[random.Next(quoted.Length)] : plain[random.Next(plain.Length)]);
                }

                if (r < records - 1 || random.Next(2) == 0)
                {
                    text.Append(breaks[random.Next(breaks.Length)]);
                }
            }

            if (random.Next(8) == 0)
            {
                // A quote left open: at the start of a new field, running to the end of the text.
                text.Append(",\"open").Append(breaks[random.Next(breaks.Length)]).Append("tail,1");
            }

            var csv = text.ToString();
            var expected = Reference.Parse(new StringReader(csv)).ToArray();
            foreach (var step in new[] { 1, 2, 3, 1 << 20 })
            {
                var because = $"step {step}: [{csv.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal)}]";
                if (Reference.EndedInQuotes)
                {
                    // The reference accepted a quote left open at the end; the parser names it (line of the opening quote).
                    var error = Record.Exception(() => CsvParser.Parse(new TrickleReader(csv, step)).ToArray());
                    Assert.True(error is CsvFormatException { Line: var line } && line == Reference.QuoteLine, because + " " + error?.Message);
                    continue;
                }

                var actual = CsvParser.Parse(new TrickleReader(csv, step)).ToArray();
                Assert.True(expected.Length == actual.Length, because);
                for (var r = 0; r < expected.Length; r++)
                {
                    Assert.True(expected[r].Line == actual[r].Line, because);
                    Assert.Equal(expected[r].Fields, actual[r].Fields);
                }
            }
        }
    }

    /// <summary>Hands out at most <c>step</c> characters per block read.</summary>
    private sealed class TrickleReader(string text, int step) : TextReader
    {
        private int _at;

        public override int Peek() => _at < text.Length ? text[_at] : -1;

        public override int Read() => _at < text.Length ? text[_at++] : -1;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(Math.Min(count, step), text.Length - _at);
            text.CopyTo(_at, buffer, index, n);
            _at += n;
            return n;
        }
    }

    /// <summary>The parser as it was before block reading (frozen reference).</summary>
    private static class Reference
    {
        /// <summary>Whether the last parse ended inside a quoted field, and the line that quote opened on.</summary>
        public static bool EndedInQuotes { get; private set; }

        public static int QuoteLine { get; private set; }

        public static IEnumerable<CsvRecord> Parse(TextReader reader)
        {
            ArgumentNullException.ThrowIfNull(reader);
            var fields = new List<string>();
            var field = new StringBuilder();
            var line = 1;
            var recordLine = 1;
            var inQuotes = false;
            var fieldStarted = false;
            int c;
            while ((c = reader.Read()) >= 0)
            {
                var ch = (char)c;
                if (inQuotes)
                {
                    if (ch == '"')
                    {
                        if (reader.Peek() == '"')
                        {
                            reader.Read();
                            field.Append('"');
                        }
                        else
                        {
                            inQuotes = false;
                        }
                    }
                    else
                    {
                        if (ch == '\n')
                        {
                            line++;
                        }

                        field.Append(ch);
                    }

                    continue;
                }

                switch (ch)
                {
                    case '"' when field.Length == 0:
                        inQuotes = true;
                        fieldStarted = true;
                        QuoteLine = line;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        fieldStarted = true;
                        break;
                    case '\r':
                        break;
                    case '\n':
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
                    default:
                        field.Append(ch);
                        break;
                }
            }

            EndedInQuotes = inQuotes;
            if (fieldStarted || field.Length > 0 || fields.Count > 0)
            {
                fields.Add(field.ToString());
                yield return new CsvRecord(recordLine, fields.ToArray());
            }
        }
    }

    [Fact]
    public void A_line_of_two_hundred_megabytes_stops_at_the_field_bound_without_holding_it()
    {
        // 200 MB streamed through a reader that never materialises the text: the parse must fail at the bound, i.e. after
        // MaxRecordBytes (the reader's record buffer), not after reading (and buffering) the whole line. Oracle: the bound itself.
        var reader = new EndlessReader('a', 200_000_000);
        var error = Assert.Throws<CsvFormatException>(() => CsvParser.Parse(reader).ToArray());
        Assert.Equal(1, error.Line);
        Assert.True(reader.Served < CsvParser.MaxRecordBytes + (1 << 17), $"read {reader.Served} characters");
    }

    [Fact]
    public void An_unterminated_quote_is_named_with_the_line_it_opens_on()
    {
        var csv = "a,b\n1,2\n3,\"4\n" + string.Concat(Enumerable.Repeat("5,6\n", 40_000));
        var error = Assert.Throws<CsvFormatException>(() => CsvParser.Parse(new StringReader(csv)).ToArray());
        Assert.Equal(3, error.Line);
        Assert.Contains("unterminated quote", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Serves <c>count</c> copies of one character in blocks, counting what was read.</summary>
    private sealed class EndlessReader(char c, long count) : TextReader
    {
        public long Served { get; private set; }

        public override int Read(char[] buffer, int index, int length)
        {
            var n = (int)Math.Min(length, count - Served);
            buffer.AsSpan(index, n).Fill(c);
            Served += n;
            return n;
        }
    }
}
