using System.Text;
using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Drilldown;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Storage.Explanations;

namespace MeioForecast.Storage.Tests.Explanations;

public class ForecastContributionsCsvTests
{
    [Fact]
    public void Contributions_round_trip_bit_for_bit_and_zero_groups_are_left_out()
    {
        // Round-trip ("R") formatting: the next run's drill-down differences this run's exact values.
        var peak = new DateOnly(2026, 11, 25);
        var contributions = new SortedDictionary<SkuNode, NodeForecastContributions>
        {
            [new SkuNode("B", "S1")] = new(
                [new("model base", 1.0 / 3, null), new("promotion", -2e-17, peak), new("price", 0, peak)],
                [new("other models", Math.PI, null)]),
            [new SkuNode("A", "DC, East")] = new([new("holiday/event", 12.5, peak)], []),
        };
        var file = ForecastContributionsCsv.Write(contributions);
        Assert.Equal(4, file.Rows);
        var text = Encoding.UTF8.GetString(file.Content.Span);
        Assert.StartsWith("sku,location,measure,group,value,unit,peak_date\nA,\"DC, East\",level,holiday/event,12.5,units,2026-11-25\n", text, StringComparison.Ordinal);
        var back = ForecastContributionsCsv.Read(file.Content);
        Assert.Equal(contributions.Keys, back.Keys);
        Assert.Equal([new GroupContribution("model base", 1.0 / 3, null), new GroupContribution("promotion", -2e-17, peak)], back[new SkuNode("B", "S1")].Level);
        Assert.Equal([new GroupContribution("other models", Math.PI, null)], back[new SkuNode("B", "S1")].Spread);
        Assert.Empty(back[new SkuNode("A", "DC, East")].Spread);
    }

    [Fact]
    public void A_malformed_file_names_the_line()
    {
        var text = string.Join(',', ForecastContributionsCsv.Columns) + "\nA,S1,level,promotion,1,units,\nA,S1,median,promotion,1,units,\n";
        var ex = Assert.Throws<InvalidDataException>(() => ForecastContributionsCsv.Read(Encoding.UTF8.GetBytes(text)));
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Details_are_written_by_sku_node_driver_and_size()
    {
        var details = new Dictionary<SkuNode, IReadOnlyList<ExplanationDetail>>
        {
            [new SkuNode("B", "S1")] =
            [
                new(BufferDriver.DemandUncertainty, "price", 1.5),
                new(BufferDriver.DemandLevel, "seasonality", -0.25),
                new(BufferDriver.DemandUncertainty, "promotion week 2026-W48", 28.0000004),
            ],
            [new SkuNode("A", "S2")] = [new(BufferDriver.DemandLevel, "not attributed", 2)],
        };
        var file = ExplanationDetailsCsv.Write(details);
        Assert.Equal(
            "sku,location,driver,detail,contribution,unit\n"
            + "A,S2,demand_level,not attributed,2,units\n"
            + "B,S1,demand_level,seasonality,-0.25,units\n"
            + "B,S1,demand_uncertainty,promotion week 2026-W48,28,units\n"
            + "B,S1,demand_uncertainty,price,1.5,units\n",
            Encoding.UTF8.GetString(file.Content.Span));
    }
}
