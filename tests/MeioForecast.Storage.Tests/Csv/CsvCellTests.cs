using System.Text;
using MeioForecast.Storage.Csv;

namespace MeioForecast.Storage.Tests.Csv;

/// <summary>
/// Formula neutralisation of output cells, per the OWASP "CSV injection" guidance: cells starting with = + - @ tab or
/// carriage return get a leading apostrophe, unless they are numbers (a negative number is not a formula).
/// </summary>
public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1)", "'@SUM(1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("-", "'-")]
    [InlineData("-3.5", "-3.5")]
    [InlineData("+2", "+2")]
    [InlineData("-1e-05", "-1e-05")]
    [InlineData("SKU-001", "SKU-001")]
    [InlineData("", "")]
    public void Formula_cells_are_neutralised_and_numbers_kept(string cell, string expected) =>
        Assert.Equal(expected, CsvCell.Neutralize(cell));

    [Fact]
    public void The_table_writer_neutralises_text_cells_but_not_numbers()
    {
        var table = new CsvTableWriter(["id", "value"]);
        table.AddRow("=1+1", "-4.25");
        Assert.Equal("id,value\n'=1+1,-4.25\n", Encoding.UTF8.GetString(table.ToBytes()));
    }
}
