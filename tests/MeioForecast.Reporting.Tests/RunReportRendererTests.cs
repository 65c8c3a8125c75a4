using System.Text.Json;
using System.Text.RegularExpressions;
using MeioForecast.Reporting.Model;

namespace MeioForecast.Reporting.Tests;

public partial class RunReportRendererTests
{
    [Fact]
    public void The_report_is_self_contained()
    {
        var html = RunReportRenderer.Render(ReportSamples.Run());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal); // the CSP forbids any fetch
        Assert.DoesNotMatch(@"<link\b|<img\b|<iframe\b|\ssrc=|@import|url\((?!#)", html);
        // The only absolute URL is the SVG namespace the script creates elements in (a name, never fetched).
        Assert.Equal(["http://www.w3.org/2000/svg"], UrlPattern().Matches(html).Select(m => m.Value).Distinct());
        Assert.Contains("@media print", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_cards_carry_the_figures_with_units()
    {
        var html = RunReportRenderer.Render(ReportSamples.Run());
        Assert.Contains("data-kpi=\"safety-stock\" data-value=\"2040.5\"", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"figure\">2,041 units</p>", html, StringComparison.Ordinal); // 1200.5 + 800 + 40
        Assert.Contains("<p class=\"figure\">408 per year</p>", html, StringComparison.Ordinal); // 240.1 + 160 + 8
        Assert.Contains("<p class=\"figure\">+51 units</p>", html, StringComparison.Ordinal);   // 2000.5 - 1950 vs previous run
        Assert.Contains("<p class=\"figure\">92.00% vs 92.50%</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_are_escaped_and_the_payload_cannot_close_its_script()
    {
        var run = ReportSamples.Run();
        run = run with
        {
            Explanations = [.. run.Explanations.Select(e => e.Sku == "B" ? e with { Sku = "</script><b>x" } : e)],
            Targets = [.. run.Targets.Select(t => t.Sku == "B" ? t with { Sku = "</script><b>x" } : t)],
        };
        var html = RunReportRenderer.Render(run);
        Assert.Equal(2, Regex.Count(html, "</script>")); // the payload's and the script's own end tags only
        Assert.Contains("&lt;/script&gt;&lt;b&gt;x", html, StringComparison.Ordinal);
        Assert.Equal("</script><b>x", Payload(html).GetProperty("nodes")[3][0].GetString());
    }

    [Fact]
    public void Top_rows_are_rendered_and_the_rest_is_searchable_up_to_the_limit()
    {
        var html = RunReportRenderer.Render(ReportSamples.Run(), new ReportOptions { TopChanges = 2, MaxSearchable = 3 });
        Assert.Equal(2, Regex.Count(html, "<tr tabindex=\"0\" data-index="));
        var payload = Payload(html);
        Assert.Equal(3, payload.GetProperty("nodes").GetArrayLength());
        Assert.Equal(4, payload.GetProperty("total").GetInt32());
        Assert.Equal(["0", "1"], payload.GetProperty("detail").EnumerateObject().Select(p => p.Name));
        Assert.Contains("the 3 largest (size limit of the report)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Payload_nodes_add_up_and_carry_the_fan_chart_data()
    {
        var payload = Payload(RunReportRenderer.Render(ReportSamples.Run()));
        foreach (var node in payload.GetProperty("nodes").EnumerateArray())
        {
            var sum = node[5].EnumerateArray().Sum(c => c.GetDouble());
            Assert.Equal(node[4].GetDouble() - node[3].GetDouble(), sum, 9);
        }

        var top = payload.GetProperty("detail").GetProperty("0"); // A@S1
        Assert.Equal("gbdt+ssa", top.GetProperty("m").GetString());
        Assert.Equal([[5.0, 10, 15], [6.0, 11, 17]], top.GetProperty("q").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()));
        Assert.Equal([9.0, 12, 8], top.GetProperty("h").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("2026-11-02", top.GetProperty("ev")[0][0].GetString());
        Assert.False(top.TryGetProperty("x", out _));
        Assert.False(payload.GetProperty("shap").GetBoolean());
    }

    [Fact]
    public void Feature_contributions_are_embedded_largest_first_when_the_run_has_them()
    {
        var html = RunReportRenderer.Render(ReportSamples.Run([new("A", "S1", "demand_level", "price", 12, "units"), new("A", "S1", "demand_level", "promotion", 31, "units")]));
        var x = Payload(html).GetProperty("detail").GetProperty("0").GetProperty("x");
        Assert.Equal(["promotion", "price"], x.EnumerateArray().Select(r => r[1].GetString()));
        Assert.DoesNotContain("has neither explanation_details.csv", html, StringComparison.Ordinal);
        Assert.Contains("has neither explanation_details.csv nor forecast_contributions.csv", RunReportRenderer.Render(ReportSamples.Run()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_without_a_drill_down_shows_what_its_forecast_is_made_of()
    {
        // A first run (or unchanged forecasts): no explanation_details.csv rows, but forecast_contributions.csv has the
        // node's TreeSHAP groups; a node with drill-down rows keeps them.
        var composition = new FeatureContribution[]
        {
            new("A", "S1", "forecast level", "seasonality", 40, "units"),
            new("A", "S1", "forecast spread", "promotion week 2026-W46", -55, "units"),
            new("A", "S2", "forecast level", "price", 3, "units"),
        };
        var payload = Payload(RunReportRenderer.Render(ReportSamples.Run([new("A", "S2", "demand_level", "trend/lags", 7, "units")], composition)));
        Assert.True(payload.GetProperty("shap").GetBoolean());
        var detail = payload.GetProperty("detail");
        var s1 = detail.GetProperty("0").GetProperty("x"); // A@S1 ranks first
        Assert.Equal(["promotion week 2026-W46", "seasonality"], s1.EnumerateArray().Select(r => r[1].GetString()));
        Assert.Equal("forecast spread", s1[0][0].GetString());
        var s2 = detail.GetProperty("2").GetProperty("x"); // A@S2 ranks third and has a drill-down row
        Assert.Equal(["trend/lags"], s2.EnumerateArray().Select(r => r[1].GetString()));
    }

    [Fact]
    public void The_network_is_layered_by_echelon_with_each_locations_buffer()
    {
        var html = RunReportRenderer.Render(ReportSamples.Run());
        var dc = Regex.Match(html, "data-location=\"DC\" data-safety-stock=\"0\" data-change=\"-100\"[^>]*translate\\(([0-9.]+),");
        var s1 = Regex.Match(html, "data-location=\"S1\" data-safety-stock=\"1240.5\" data-change=\"240.5\"[^>]*translate\\(([0-9.]+),");
        Assert.True(dc.Success && s1.Success, "both locations drawn with their summed safety stock and change");
        Assert.True(double.Parse(dc.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < double.Parse(s1.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), "upstream left of downstream");
        Assert.Equal(2, Regex.Count(html, "marker-end=\"url\\(#arrow\\)\""));
    }

    [Fact]
    public void Without_the_input_the_network_is_a_table()
    {
        var html = RunReportRenderer.Render(ReportSamples.Run() with { Nodes = [], Edges = [] });
        Assert.DoesNotContain("<svg class=\"network\"", html, StringComparison.Ordinal);
        Assert.Contains("meio report --input DIR", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(10, 5)]
    [InlineData(5001, 20_000)]
    public void Options_outside_their_range_are_rejected(int top, int searchable) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReportOptions { TopChanges = top, MaxSearchable = searchable }.Validate());

    private static JsonElement Payload(string html)
    {
        var m = Regex.Match(html, "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(m.Success);
        return JsonDocument.Parse(m.Groups[1].Value).RootElement.Clone();
    }

    [GeneratedRegex(@"https?://[^\s""'<>)]+")]
    private static partial Regex UrlPattern();
}
