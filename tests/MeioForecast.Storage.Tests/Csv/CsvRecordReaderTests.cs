using System.Globalization;
using System.Text;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Input;

namespace MeioForecast.Storage.Tests.Csv;

/// <summary>
/// The input contract of docs/input-format.md held by the CsvHelper-backed reader: lines, bounds, unterminated quotes and
/// strict UTF-8. Expected lines and byte offsets are counted by hand from the literal inputs below.
/// </summary>
public sealed class CsvRecordReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("meio-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private string File(string name, string text) => File(name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Cr_lf_and_crlf_each_end_a_line_and_blank_lines_are_skipped()
    {
        var records = CsvParser.ParseFile(File("a.csv", "a,b\rc,d\r\n\ne,\"f\ng\"\nh,i")).ToArray();
        Assert.Equal([1, 2, 4, 6], records.Select(r => r.Line));
        Assert.Equal(["e", "f\ng"], records[2].Fields);
        Assert.Equal(["h", "i"], records[3].Fields);
    }

    [Fact]
    public void An_unterminated_quote_is_named_at_the_line_it_opens_even_inside_a_multiline_record()
    {
        // Record 2 starts on line 2; its quoted "x\ny" closes on line 3, where the quote of the third field opens.
        var error = Assert.Throws<CsvFormatException>(() => CsvParser.ParseFile(File("q.csv", "h1,h2,h3\na,\"x\ny\",\"z\nmore\n")).ToArray());
        Assert.Equal(3, error.Line);
        Assert.Contains("unterminated quote", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unterminated_quote_in_a_large_file_stops_within_the_record_bound()
    {
        // 3 MiB after a quote opened on line 3: the read stops after MaxRecordBytes instead of buffering the file.
        var text = new StringBuilder("h1,h2\na,b\nc,\"d\n");
        while (text.Length < 3 * CsvParser.MaxRecordBytes)
        {
            text.Append("x,1\n");
        }

        var path = File("big.csv", text.ToString());
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<CsvFormatException>(() => CsvParser.ParseFile(path).ToArray());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(3, error.Line);
        Assert.Contains("unterminated quote", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 6L * CsvParser.MaxRecordBytes, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_line_longer_than_the_record_bound_is_refused_at_its_line()
    {
        var path = File("long.csv", "h1,h2\na,b\nc," + new string('x', 2 * CsvParser.MaxRecordBytes) + "\nd,e\n");
        var error = Assert.Throws<CsvFormatException>(() => CsvParser.ParseFile(path).ToArray());
        Assert.Equal(3, error.Line);
        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_and_field_count_bounds_name_the_line()
    {
        var longField = File("f.csv", "h\nok\n" + new string('y', CsvParser.MaxFieldLength + 1) + "\n");
        Assert.Equal(3, Assert.Throws<CsvFormatException>(() => CsvParser.ParseFile(longField).ToArray()).Line);
        var atBound = File("g.csv", "h\n" + new string('y', CsvParser.MaxFieldLength) + "\n");
        Assert.Equal(CsvParser.MaxFieldLength, CsvParser.ParseFile(atBound).Last().Fields[0].Length);
        var wide = File("w.csv", "h\n" + string.Join(',', Enumerable.Repeat("1", CsvParser.MaxFields + 1)) + "\n");
        Assert.Equal(2, Assert.Throws<CsvFormatException>(() => CsvParser.ParseFile(wide).ToArray()).Line);
    }

    [Fact]
    public void Invalid_utf8_is_named_with_its_line_and_byte_offset()
    {
        // "h\n" is bytes 0-1, line 2 "a,\"b\n" bytes 2-6 (the quoted field spans into line 3), "c" byte 7, 0xFC byte 8.
        byte[] bytes = [.. "h\na,\"b\nc"u8, 0xFC, .. "\"\n"u8];
        var error = Assert.Throws<CsvEncodingException>(() => CsvParser.ParseFile(File("l.csv", bytes)).ToArray());
        Assert.Equal(3, error.Line);
        Assert.Equal(8, error.ByteOffset);
    }

    [Fact]
    public void A_utf16_file_is_refused_and_a_utf8_bom_is_skipped()
    {
        var utf16 = File("u16.csv", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("h\na\n")).ToArray());
        var error = Assert.Throws<CsvEncodingException>(() => CsvParser.ParseFile(utf16).ToArray());
        Assert.Equal((1, 0L), (error.Line, error.ByteOffset));
        var bom = File("bom.csv", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("h\na\n")).ToArray());
        Assert.Equal("h", CsvParser.ParseFile(bom).First().Fields[0]);
    }

    [Fact]
    public void Numeric_tables_read_the_values_the_bcl_parser_reads()
    {
        // Oracle: double.Parse of the same text (exactly rounded in .NET Core 3.0+), over random magnitudes and the
        // shortest round-trip and 17-digit forms; the missing tokens read as NaN.
        var random = new Random(11);
        var text = new StringBuilder("a,b,c\n");
        var expected = new List<double[]>();
        string[] missing = ["", "NA", "nan", "NULL", " "];
        for (var i = 0; i < 2000; i++)
        {
            var a = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30));
            var b = random.NextDouble();
            var aText = a.ToString(i % 2 == 0 ? "R" : "G17", CultureInfo.InvariantCulture);
            var bText = b.ToString("E10", CultureInfo.InvariantCulture);
            var m = missing[i % missing.Length];
            text.Append(aText).Append(',').Append(bText).Append(',').Append(m).Append('\n');
            expected.Add([double.Parse(aText, CultureInfo.InvariantCulture), double.Parse(bText, CultureInfo.InvariantCulture)]);
        }

        var table = NumericCsvTable.Read(File("n.csv", text.ToString()));
        Assert.Equal(["a", "b", "c"], table.Columns);
        Assert.Equal(expected.Select(e => e[0]), table.Values[0]);
        Assert.Equal(expected.Select(e => e[1]), table.Values[1]);
        Assert.All(table.Values[2], v => Assert.True(double.IsNaN(v)));
    }

    [Theory]
    [InlineData("1,2\n3,abc\n", "4: column 'y': 'abc' is not a number")]
    [InlineData("1,2\n3,1e400\n", "4: column 'y': '1e400' is not a number")]
    [InlineData("1,2\n3\n", "4: 1 fields, the header has 2")]
    [InlineData("1,\"2\n", "3: unterminated quote")]
    public void Numeric_table_errors_name_file_line_and_column(string rows, string message)
    {
        var path = File("bad.csv", "x,y\n\n" + rows);
        var error = Assert.Throws<InputValidationException>(() => NumericCsvTable.Read(path));
        Assert.Contains(path + ":" + message, error.Message, StringComparison.Ordinal);
    }
}
