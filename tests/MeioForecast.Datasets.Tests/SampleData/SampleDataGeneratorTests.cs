using MeioForecast.Core.Network;
using MeioForecast.Datasets.SampleData;
using MeioForecast.Storage.Input;
using MeioForecast.Storage.Tests;

namespace MeioForecast.Datasets.Tests.SampleData;

public class SampleDataGeneratorTests
{
    [Fact]
    public void Regenerating_the_committed_sample_gives_the_same_bytes()
    {
        using var temp = new TempFolder();
        SampleDataGenerator.Write(temp.Path, seed: 42);
        var committed = Path.Combine(RepositoryRoot.Path, "data-samples");
        var names = Directory.GetFiles(committed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal), names);
        foreach (var name in names)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(committed, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(temp.Path, name!))), $"{name} differs from a fresh `meio sample-data --seed 42`");
        }
    }

    [Fact]
    public void The_sample_loads_and_has_the_promised_shape()
    {
        var input = PlanningInputLoader.Load(Path.Combine(RepositoryRoot.Path, "data-samples"));
        Assert.Equal(2, input.Locations.Values.Count(l => l.Type == LocationType.Plant));
        Assert.InRange(input.Locations.Values.Count(l => l.Type == LocationType.DistributionCenter), 2, 4);
        Assert.InRange(input.Locations.Values.Count(l => l.Type == LocationType.Store), 10, 30);
        Assert.InRange(input.SkuNodes.Select(n => n.Key.Sku).Distinct().Count(), 20, 50);
        Assert.All(input.Demand, d => Assert.Equal(SampleDataGenerator.HistoryDays, d.Length));
        // Intermittent slow movers: some series are mostly zeros.
        Assert.Contains(input.Demand, d => d.Quantities.Count(q => q == 0) > d.Length / 2);
        // Lead-time variability differs by lane.
        Assert.True(input.Lanes.Select(l => l.LeadTime.StandardDeviation).Distinct().Count() > 3);
        // Known signals reach the horizon.
        var last = input.HistoryEnd.AddDays(SampleDataGenerator.Horizon);
        Assert.True(input.Signals.TryGetValue("price", last, input.Demand[0].Key, out _));
    }

    [Fact]
    public void Promotions_lift_demand_in_the_sample()
    {
        // The generator's own signals and demand: mean demand on promotion days must exceed non-promotion days for
        // the fast movers (lift = price effect x 1.15 display factor > 1 for depth > 0 and elasticity < 0).
        var input = PlanningInputLoader.Load(Path.Combine(RepositoryRoot.Path, "data-samples"));
        var series = input.Demand.Where(d => d.Quantities.Average() > 5).ToList();
        double promo = 0, normal = 0;
        int nPromo = 0, nNormal = 0;
        foreach (var s in series)
        {
            var level = s.Quantities.Average();
            for (var i = 0; i < s.Length; i++)
            {
                input.Signals.TryGetValue("promotion_depth", s.DateAt(i), s.Key, out var depth);
                if (depth > 0)
                {
                    promo += s.Quantities[i] / level;
                    nPromo++;
                }
                else
                {
                    normal += s.Quantities[i] / level;
                    nNormal++;
                }
            }
        }

        Assert.True(promo / nPromo > 1.2 * (normal / nNormal), $"promotion lift {promo / nPromo / (normal / nNormal):F2}");
    }
}
