using MeioForecast.Reporting.Model;

namespace MeioForecast.Reporting.Tests;

/// <summary>A small hand-made run: two skus, a DC and two stores, with numbers chosen so totals are easy to check by hand.</summary>
internal static class ReportSamples
{
    public static readonly string[] Drivers = ["demand_level", "demand_uncertainty", "lead_time_mean", "lead_time_variability", "service_target", "holding_cost", "network"];

    public static RunReportData Run(IReadOnlyList<FeatureContribution>? details = null, IReadOnlyList<FeatureContribution>? composition = null) => new()
    {
        RunId = "r2",
        CreatedUtc = new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero),
        SoftwareVersion = "0.1.0",
        Settings = new Dictionary<string, string> { ["placement"] = "network-gsm", ["forecast_origin"] = "2026-10-31" },
        ExplainedAgainst = "run r1",
        Targets =
        [
            new("A", "DC", 0.95, 0, 30, 0, 0, 0, 0.7, 0.95),
            new("A", "S1", 0.95, 3, 10, 1200.5, 1300, 240.1, 0.96, 0.96),
            new("A", "S2", 0.90, 3, 10, 800, 900, 160, 0.88, 0.91),
            new("B", "S1", 0.95, 3, 5, 40, 55, 8, null, null),
        ],
        Explanations =
        [
            .. Node("A", "DC", "previous_run", 100, 0, new() { ["holding_cost"] = -100 }),
            .. Node("A", "S1", "previous_run", 1000, 1200.5, new() { ["demand_level"] = 150, ["service_target"] = 60.5, ["holding_cost"] = -10 }),
            .. Node("A", "S2", "previous_run", 850, 800, new() { ["lead_time_variability"] = -50 }),
            .. Node("B", "S1", "single_echelon", 0, 40, new() { ["demand_level"] = 40 }),
        ],
        Sentences = [new("A", "S1", "Safety stock at S1 for SKU A rose 201 units (+20%): demand level +150, service target +61, holding cost -10")],
        QuantileLevels = [0.1, 0.5, 0.9],
        Forecasts =
        [
            new("A", "S1", new DateOnly(2026, 11, 1), "gbdt+ssa", [5, 10, 15]),
            new("A", "S1", new DateOnly(2026, 11, 2), "gbdt+ssa", [6, 11, 17]),
            new("A", "S2", new DateOnly(2026, 11, 1), "ssa", [5, 10, 15]),
        ],
        History = [new("A", "S1", new DateOnly(2026, 10, 29), 1, [9, 12, 8])],
        Events = [new(new DateOnly(2026, 11, 2), "promotion_depth", 0.2, "A", "S1")],
        Nodes = [new("DC", "distribution center", 1), new("S1", "store", 0), new("S2", "store", 0)],
        Edges = [new("DC", "S1"), new("DC", "S2")],
        FeatureContributions = details,
        ForecastComposition = composition,
    };

    private static IEnumerable<DriverContribution> Node(string sku, string location, string baseline, double previous, double current, Dictionary<string, double> contributions)
    {
        foreach (var measure in new[] { "safety_stock", "holding_cost" })
        {
            var scale = measure == "safety_stock" ? 1 : 0.2;
            foreach (var d in Drivers)
            {
                yield return new DriverContribution(sku, location, measure, d, contributions.GetValueOrDefault(d) * scale,
                    measure == "safety_stock" ? "units" : "currency/year", baseline, previous * scale, current * scale);
            }
        }
    }
}
