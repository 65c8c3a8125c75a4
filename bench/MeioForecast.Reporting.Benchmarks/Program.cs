using System.Diagnostics;
using System.Globalization;
using MeioForecast.Reporting;
using MeioForecast.Reporting.Model;

// Report size and render time on synthetic runs (seeded): n sku-nodes over n/24 locations x 24 skus, 7 drivers, a
// sentence each, 28-period forecasts with 7 quantiles and 84 periods of history for the customer-facing half.
// Usage: dotnet run -c Release --project bench/MeioForecast.Reporting.Benchmarks -- [outDir] [sizes...]
var outDir = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "meio-report-bench");
var sizes = args.Length > 1 ? args.Skip(1).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000, 20_000, 100_000];
Directory.CreateDirectory(outDir);
Console.WriteLine($"{"sku-nodes",10} {"html bytes",14} {"bytes/node",11} {"render ms",10} {"alloc MB",9}");
foreach (var n in sizes)
{
    var data = Synthetic(n);
    RunReportRenderer.Render(Synthetic(100)); // warm-up (JIT)
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var clock = Stopwatch.StartNew();
    var html = RunReportRenderer.Render(data);
    clock.Stop();
    var bytes = System.Text.Encoding.UTF8.GetByteCount(html);
    File.WriteAllText(Path.Combine(outDir, $"report-{n}.html"), html);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{n,10:N0} {bytes,14:N0} {bytes / (double)n,11:N0} {clock.Elapsed.TotalMilliseconds,10:N0} {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0,9:N0}"));
}

Console.WriteLine($"HTML files in {outDir} (open with bench/MeioForecast.Reporting.Benchmarks/browser-timing.js).");

static RunReportData Synthetic(int n)
{
    var random = new Random(42);
    string[] drivers = ["demand_level", "demand_uncertainty", "lead_time_mean", "lead_time_variability", "service_level", "holding_cost", "repositioning"];
    var locations = Math.Max(1, n / 24);
    var targets = new List<TargetLine>(n);
    var explanations = new List<DriverContribution>(n * 7);
    var sentences = new List<SentenceLine>(n);
    var forecasts = new List<ForecastLine>();
    var history = new List<DemandHistoryLine>();
    var origin = new DateOnly(2026, 11, 1);
    for (var i = 0; i < n; i++)
    {
        var (sku, location) = ($"SKU-{i % 24:000}", $"LOC-{i / 24:00000}");
        var previous = Math.Round(random.NextDouble() * 500, 4);
        var contributions = drivers.Select(_ => Math.Round((random.NextDouble() - 0.5) * 60, 4)).ToArray();
        var current = previous + contributions.Sum();
        targets.Add(new TargetLine(sku, location, 0.95, 3, 20, current, current + 60, current * 0.5, 0.95 + random.NextDouble() * 0.02, 0.96));
        explanations.AddRange(drivers.Select((d, k) => new DriverContribution(sku, location, "safety_stock", d, contributions[k], "units", "previous_run", previous, current)));
        sentences.Add(new SentenceLine(sku, location, $"Safety stock at {location} for SKU {sku} moved {current - previous:F0} units: demand level {contributions[0]:F0}, repositioning {contributions[6]:F0}"));
        if (i % 2 == 0)
        {
            for (var t = 0; t < 28; t++)
            {
                var m = 20 + 5 * Math.Sin(t / 3.0);
                forecasts.Add(new ForecastLine(sku, location, origin.AddDays(t), "gbdt+ssa", [m * 0.5, m * 0.6, m * 0.8, m, m * 1.2, m * 1.4, m * 1.6]));
            }

            history.Add(new DemandHistoryLine(sku, location, origin.AddDays(-84), 1, Enumerable.Range(0, 84).Select(_ => (double)random.Next(0, 40)).ToArray()));
        }
    }

    return new RunReportData
    {
        RunId = $"synthetic-{n}",
        CreatedUtc = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero),
        SoftwareVersion = "bench",
        Settings = new Dictionary<string, string> { ["placement"] = "network-gsm" },
        Targets = targets,
        Explanations = explanations,
        ExplainedAgainst = "run synthetic-previous",
        Sentences = sentences,
        QuantileLevels = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95],
        Forecasts = forecasts,
        History = history,
        Nodes = Enumerable.Range(0, locations).Select(l => new NetworkNode($"LOC-{l:00000}", "store", 0)).ToList(),
    };
}
