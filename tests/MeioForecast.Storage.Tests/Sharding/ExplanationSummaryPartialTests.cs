using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Explainability.Shapley;
using MeioForecast.Pipeline.Sharding;
using MeioForecast.Storage.Explanations;
using MeioForecast.Storage.Sharding;

namespace MeioForecast.Storage.Tests.Sharding;

/// <summary>
/// explanation_summary.csv merged from shard partials against the single run's writer on all nodes (the oracle), on
/// explanations built to tie: equal |safety-stock change| (so |holding-cost change| decides), changes that differ only
/// below the file's rounding (so only the exact keys can order them), and full ties (the sku-node decides).
/// </summary>
public sealed class ExplanationSummaryPartialTests
{
    [Fact]
    public void Merged_shard_summaries_equal_the_single_summary_byte_for_byte_including_ties()
    {
        var random = new Random(11);
        var drivers = BufferDriverNames.All.Count;
        var explanations = new List<NodeExplanation>();
        for (var sku = 0; sku < 40; sku++)
        {
            foreach (var location in new[] { "DC-1", "S-01", "S-02", "S-03" })
            {
                var change = random.Next(4) switch
                {
                    0 => 5.0,
                    1 => -5.0,
                    2 => 5.0 + 1e-9 * random.Next(1, 5),
                    _ => Math.Round(random.NextDouble() * 20 - 10, 1),
                };
                var costChange = random.Next(3) == 0 ? 2.0 : Math.Round(random.NextDouble() * 4, 2);
                explanations.Add(new NodeExplanation(
                    new SkuNode($"SKU-{sku:D3}", location),
                    ExplanationBaseline.SingleEchelon,
                    Result(change, 40, drivers),
                    Result(change, 60, drivers),
                    Result(costChange, 80, drivers)));
            }
        }

        var expected = ExplanationSummaryCsv.Write(explanations).Content.ToArray();
        foreach (var count in new[] { 1, 2, 3 })
        {
            var parts = Enumerable.Range(0, count)
                .Select(i => ExplanationSummaryPartial.Write(explanations.Where(e => SkuShardHash.ShardOf(e.Key.Sku, count) == i).ToArray()))
                .Select(files => (files[0].Content, files[1].Content))
                .ToArray();
            var merged = ExplanationSummaryPartial.Merge(parts);
            Assert.Equal(ExplanationSummaryCsv.FileName, merged.Name);
            Assert.Equal(expected, merged.Content.ToArray());
        }
    }

    private static ShapleyResult Result(double change, double baseline, int drivers)
    {
        var values = new double[drivers];
        values[0] = change * 0.7;
        values[1] = change * 0.3;
        return new ShapleyResult(values, baseline, baseline + change);
    }
}
