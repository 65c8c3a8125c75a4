using MeioForecast.Core.Network;
using MeioForecast.Datasets.SampleData;
using MeioForecast.Storage.Input;
using MeioForecast.Storage.Tests;

namespace MeioForecast.Datasets.Tests.SampleData;

/// <summary>`meio sample-data --skus M --stores N`: the scale benchmark's generator.</summary>
public sealed class SampleDataSizeTests
{
    [Fact]
    public void A_sized_sample_has_the_requested_skus_and_stores_and_loads()
    {
        using var temp = new TempFolder();
        SampleDataGenerator.Write(temp.Path, seed: 7, skuCount: 30, storeCount: 6);
        var input = PlanningInputLoader.Load(temp.Path);

        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"SKU-{i:D3}"), input.SkuNodes.Select(n => n.Key.Sku).Distinct());
        var stores = input.Locations.Values.Where(l => l.Type == LocationType.Store).Select(l => l.Id).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"STORE-{i:D2}"), stores);

        // 6 stores over 3 distribution centers: two each, every store supplied by exactly one DC lane.
        var storeLanes = input.Lanes.Where(l => stores.Contains(l.To)).ToArray();
        Assert.Equal(6, storeLanes.Length);
        Assert.All(storeLanes.GroupBy(l => l.From), g => Assert.Equal(2, g.Count()));

        // Each sku: 2 plants + 3 DCs + the stores stocking it (skus 1..6 in every store).
        Assert.All(input.SkuNodes.GroupBy(n => n.Key.Sku), g => Assert.InRange(g.Count(), 5, 11));
        Assert.Equal(11, input.SkuNodes.Count(n => n.Key.Sku == "SKU-001"));
    }
}
