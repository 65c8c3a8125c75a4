using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Storage.Input;

namespace MeioForecast.Storage.Tests.Input;

public class PlanningInputLoaderTests
{
    [Fact]
    public void Loads_a_valid_folder_into_the_domain_model()
    {
        using var folder = new InputFolder();
        var input = PlanningInputLoader.Load(folder.Path);

        Assert.Equal(PeriodKind.Day, input.Settings.Period);
        Assert.Equal(7, input.Settings.Horizon);
        Assert.Equal([0.1, 0.5, 0.9], input.Settings.QuantileLevels.Select(l => l.Value));
        Assert.Equal(LocationType.DistributionCenter, input.Locations["DC"].Type);
        Assert.Equal(4, input.SkuNodes.Count);
        Assert.Equal(0.98, input.SkuNodes.Single(n => n.Key == new SkuNode("A", "S2")).ServiceLevel);
        Assert.Equal(2.0, input.Lanes.Single(l => l.To == "S2").LeadTime.Mean);
        var s1 = input.Demand.Single(d => d.Key == new SkuNode("A", "S1"));
        Assert.Equal([3.0, 4.0], s1.Quantities);
        Assert.Equal(new DateOnly(2026, 1, 2), input.HistoryEnd);
        Assert.Equal(SignalKind.ObservedOnly, input.Signals.Kinds["temperature"]);
        Assert.True(input.Signals.TryGetValue("price", new DateOnly(2026, 1, 3), new SkuNode("A", "S2"), out var price));
        Assert.Equal(2.5, price);
    }

    [Fact]
    public void Missing_periods_are_zero_and_every_series_ends_at_the_origin()
    {
        using var folder = new InputFolder(demand: "sku,location,date,quantity\nA,S1,2026-01-01,3\nA,S1,2026-01-04,4\nA,S2,2026-01-02,5\n");
        var input = PlanningInputLoader.Load(folder.Path);
        Assert.Equal([3.0, 0.0, 0.0, 4.0], input.Demand[0].Quantities);
        Assert.Equal([5.0, 0.0, 0.0], input.Demand[1].Quantities);
        Assert.Equal(new DateOnly(2026, 1, 2), input.Demand[1].Start);
    }

    [Fact]
    public void Lead_time_distribution_is_parsed()
    {
        using var folder = new InputFolder(lanes: "from,to,lead_time_mean,lead_time_sd,lead_time_distribution\nSUP,PLANT,5,1,4:0.5;6:0.5\nPLANT,DC,3,0.5,\nDC,S1,1,0,\nDC,S2,2,0.5,\n");
        var input = PlanningInputLoader.Load(folder.Path);
        var lane = input.Lanes.Single(l => l.From == "SUP");
        Assert.Equal([new LeadTimeOutcome(4, 0.5), new LeadTimeOutcome(6, 0.5)], lane.LeadTime.Distribution!);
    }

    [Fact]
    public void Fingerprint_changes_with_any_input_byte()
    {
        using var a = new InputFolder();
        using var b = new InputFolder(demand: InputFolder.Demand.Replace("A,S2,2026-01-02,5", "A,S2,2026-01-02,6", StringComparison.Ordinal));
        using var c = new InputFolder();
        Assert.Equal(PlanningInputLoader.Fingerprint(a.Path), PlanningInputLoader.Fingerprint(c.Path));
        Assert.NotEqual(PlanningInputLoader.Fingerprint(a.Path), PlanningInputLoader.Fingerprint(b.Path));
    }
}
