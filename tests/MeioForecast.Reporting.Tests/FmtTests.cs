using MeioForecast.Reporting.Rendering;

namespace MeioForecast.Reporting.Tests;

public class FmtTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(999.4, "999")]
    [InlineData(12503.1, "12,503")]
    [InlineData(1234567.5, "1,234,568")]
    public void Whole_numbers_have_thousands_separators(double value, string expected) => Assert.Equal(expected, Fmt.N0(value));

    [Theory]
    [InlineData(1613.6564, "+1,614")]
    [InlineData(-1613.6564, "\u22121,614")]
    [InlineData(0.4, "0")]
    public void Signed_numbers_use_plus_and_the_minus_sign(double value, string expected) => Assert.Equal(expected, Fmt.Signed(value));

    [Theory]
    [InlineData(0.9649, 2, "96.49%")]
    [InlineData(-0.433, 1, "\u221243.3%")]
    [InlineData(-0.0001, 1, "0.0%")]
    public void Percentages(double fraction, int decimals, string expected) => Assert.Equal(expected, Fmt.Percent(fraction, decimals));

    [Fact]
    public void Relative_change_is_empty_against_zero_and_signed_otherwise()
    {
        Assert.Equal("", Fmt.Change(0, 5));
        Assert.Equal("+25.0%", Fmt.Change(1000, 1250)); // 1250 / 1000 - 1 = 0.25
        Assert.Equal("\u22125.9%", Fmt.Change(850, 800)); // 800/850 - 1 = -0.0588
        Assert.Equal("+0.42 pp", Fmt.Points(0.0042));
    }

    [Fact]
    public void Text_is_html_escaped() => Assert.Equal("&lt;b&gt;&amp;&quot;", Fmt.H("<b>&\""));
}
