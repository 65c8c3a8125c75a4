using MeioForecast.Core.Demand;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Pipeline;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Storage.Output;
using MeioForecast.Storage.Sharding;

namespace MeioForecast.Storage.Tests.Sharding;

/// <summary>
/// metrics.json merged from shard partials against the single run's writer on all rows (the oracle), with skus placed
/// by the lateness fallback in both shards: their count (<c>lateness_covered_skus</c>) is a function of the rows the
/// partials carry.
/// </summary>
public sealed class ServiceMetricsPartialTests
{
    [Fact]
    public void Merged_metrics_count_the_skus_covered_by_the_fallback_as_the_single_run_does()
    {
        var locations = new Dictionary<string, Location>
        {
            ["DC"] = new("DC", LocationType.DistributionCenter, 1),
            ["S1"] = new("S1", LocationType.Store, 0),
        };
        var input = new PlanningInput(new PlanningSettings(PeriodKind.Day, 1, [], 0), locations, [], [], [], SignalTable.Empty);
        var options = new ServiceCheckOptions();

        // Skus A and C fell back (their rows carry the lead-time sd they cover, 0 at a DC passing it on), B did not.
        var rows = new List<(TargetRow Target, NodeService Node)>();
        foreach (var (sku, covered) in new[] { ("A", (double?)0.5), ("B", null), ("C", 0.25) })
        {
            rows.Add((new TargetRow(sku, "DC", 0.95, 2, 0, 0, 10, 0, 0, 0) { CoveredLeadTimeSd = covered is null ? null : 0.0 }, new NodeService(sku, "DC", false, 0.95, 0.95, 0.9, 0.01, 0)));
            rows.Add((new TargetRow(sku, "S1", 0.95, 0, 2, 3, 10, 12.5, 42.5, 3.125) { CoveredLeadTimeSd = covered, AchievedService = 0.951, CalibratedServiceLevel = 0.97 }, new NodeService(sku, "S1", true, 0.95, 0.97, 0.951, 0.002, 0)));
        }

        CalibratedTargets Calibrated(IEnumerable<(TargetRow Target, NodeService Node)> part) =>
            new("network-gsm", part.Select(r => r.Target).ToArray(), part.Select(r => r.Node).ToArray(), 3, 0);

        var single = ServiceMetricsJson.Write(ServiceReport.Create(options, Calibrated(rows), null, input));
        using (var document = System.Text.Json.JsonDocument.Parse(single.Content))
        {
            Assert.Equal(2, document.RootElement.GetProperty("service_check").GetProperty("placement").GetProperty("lateness_covered_skus").GetInt32());
        }

        var shards = new[] { rows.Where(r => r.Target.Sku != "C"), rows.Where(r => r.Target.Sku == "C") }
            .Select(part => ServiceMetricsPartial.Write(ServiceReport.Create(options, Calibrated(part), null, input), locations))
            .Select(files => (files.Single(f => f.Name == ServiceMetricsPartial.NodesFileName).Content, files.Single(f => f.Name == ServiceMetricsPartial.HeaderFileName).Content))
            .ToArray();
        Assert.Equal(single.Content.ToArray(), ServiceMetricsPartial.Merge(shards).Content.ToArray());
    }
}
