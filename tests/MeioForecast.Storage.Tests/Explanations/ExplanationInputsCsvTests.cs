using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Explanation.Inputs;
using MeioForecast.Storage.Explanations;

namespace MeioForecast.Storage.Tests.Explanations;

/// <summary>
/// explanation_inputs.csv must give back every input bit for bit: the next run mixes them with its own, and a mix of a
/// run with itself must re-place it exactly. Oracle: the inputs written (values chosen to need all 17 digits).
/// </summary>
public class ExplanationInputsCsvTests
{
    private static readonly QuantileLevel[] Levels = [new(0.1), new(0.5), new(0.9)];

    [Fact]
    public void Inputs_read_back_to_the_bit()
    {
        var settings = new PlanningSettings(PeriodKind.Day, 2, Levels, 7);
        var locations = new Dictionary<string, Location>
        {
            ["SUP"] = new("SUP", LocationType.Supplier, 2),
            ["DC"] = new("DC", LocationType.DistributionCenter, 1),
            ["S1"] = new("S1", LocationType.Store, 0),
        };
        var nodes = new[]
        {
            new SkuNodeParameters(new SkuNode("A", "DC"), 1.0 / 3, 0.2, 0.95, null, 1.1),
            new SkuNodeParameters(new SkuNode("A", "S1"), 2.0 / 7, 0.25, 0.975, 0, 0),
        };
        var lanes = new[]
        {
            new Lane(null, "SUP", "DC", new LeadTime(14.3, 1.9519, [new(12, 0.3), new(14, 0.4), new(17, 0.3)])),
            new Lane("A", "DC", "S1", new LeadTime(Math.PI, Math.E / 10), 2),
        };
        var q = new double[,] { { 1.0 / 3, 5, 9.123456789012345 }, { 0.1 + 0.2, 6, 11 } };
        var forecast = new SeriesForecast(new SkuNode("A", "S1"), new DateOnly(2026, 11, 1), Levels, q, "gbdt+ssa");
        var inputs = new RunInputs(settings, locations, new Dictionary<string, SkuInputs> { ["A"] = new("A", nodes, lanes, [forecast]) });

        var read = ExplanationInputsCsv.Read(ExplanationInputsCsv.Write(inputs).Content, settings);

        var a = read.Skus["A"];
        Assert.Equal(nodes, a.Nodes);
        Assert.Equal(lanes.Length, a.Lanes.Count);
        for (var i = 0; i < lanes.Length; i++)
        {
            var (want, got) = (lanes[i], a.Lanes[i]);
            Assert.Equal((want.Sku, want.From, want.To, want.QuantityPerUnit), (got.Sku, got.From, got.To, got.QuantityPerUnit));
            Assert.Equal((want.LeadTime.Mean, want.LeadTime.StandardDeviation), (got.LeadTime.Mean, got.LeadTime.StandardDeviation));
            Assert.Equal(want.LeadTime.Distribution ?? [], got.LeadTime.Distribution ?? []);
        }

        var f = Assert.Single(a.Forecasts);
        Assert.Equal((forecast.Key, forecast.FirstDate, forecast.Method), (f.Key, f.FirstDate, f.Method));
        Assert.Equal(forecast.Quantiles.Cast<double>(), f.Quantiles.Cast<double>());
        Assert.Equal(locations.OrderBy(l => l.Key).Select(l => l.Value), read.Locations.OrderBy(l => l.Key).Select(l => l.Value));
        Assert.Equal(0, InputMix.Changed(inputs.Skus["A"], a)); // read back, no driver's inputs differ
    }
}
