using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MeioForecast.Storage.Csv;
using MeioForecast.Worker.Tests.Sharding;

namespace MeioForecast.Worker.Tests;

/// <summary>`meio run` as a user meets it: where the report is, the figures that matter, each step once, plain help.</summary>
public sealed partial class CliOutputTests : IDisposable
{
    private readonly string _output = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task A_run_ends_with_the_report_path_and_its_figures_as_the_run_files_give_them()
    {
        var (exit, log) = await MeioProcess.RunAsync("run", "--input", TestPaths.SmallInput, "--output", _output, "--run-id", "r");
        Assert.True(exit == ExitCodes.Ok, log);
        var run = Path.Combine(_output, "runs", "r");
        Assert.Contains($"report: {Path.Combine(run, "report.html")}", log, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "report.html")));

        // Peer: the run's own files (targets.csv summed here, metrics.json), formatted as the line promises.
        List<string[]> targets;
        using (var reader = new StreamReader(Path.Combine(run, "targets.csv")))
        {
            targets = CsvParser.Parse(reader).Select(r => r.Fields).ToList();
        }

        var safety = targets.Skip(1).Sum(r => double.Parse(r[7], CultureInfo.InvariantCulture));
        using var metrics = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(run, "metrics.json")));
        var check = metrics.RootElement.GetProperty("service_check");
        var placement = check.GetProperty("placement");
        var expected = string.Create(CultureInfo.InvariantCulture, $"{targets.Count - 1} sku-nodes: safety stock {safety:N0} units");
        Assert.Contains(expected, log, StringComparison.Ordinal);
        Assert.Contains(
            string.Create(CultureInfo.InvariantCulture, $"simulated customer service {placement.GetProperty("customer_service").GetDouble() * 100:F2}% vs target {placement.GetProperty("customer_target").GetDouble() * 100:F2}%"),
            log,
            StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{check.GetProperty("safety_stock_saving").GetDouble() * 100:F1}% less safety stock than single-echelon"), log, StringComparison.Ordinal);

        // Each step once, without logger categories or event ids: before, every GBDT step was printed twice, once with
        // "MeioForecast.Worker.TrainingProgress[1212930013]".
        Assert.DoesNotMatch(EventId(), log);
        var refits = log.Split('\n').Where(l => l.Contains("refit on all rows: done", StringComparison.Ordinal) || l.Contains("refit on all rows done", StringComparison.Ordinal)).ToList();
        Assert.All(refits, l => Assert.Contains("] gbdt q", l, StringComparison.Ordinal));
        Assert.Single(log.Split('\n'), l => l.Contains("service-check:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("run", "GsmSolver:{RelativeGapTolerance,MaxNodes,LagrangianIterations,NodeLagrangianIterations}")]
    [InlineData("worker", "Worker:{Input,Output,Schedule,LockWaitSeconds}")]
    [InlineData("train", "Forecasting:Stage:*")]
    public async Task Help_names_the_settings_and_no_framework_boilerplate(string verb, string settings)
    {
        var (exit, log) = await MeioProcess.RunAsync(verb, "--help");
        Assert.True(exit == ExitCodes.Ok, log);
        Assert.Contains(settings, log, StringComparison.Ordinal);
        Assert.DoesNotContain("Additional Arguments", log, StringComparison.Ordinal);
        Assert.DoesNotContain("passed to the application", log, StringComparison.Ordinal);
        Assert.DoesNotContain("<additional arguments>", log, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"MeioForecast\.[A-Za-z.]+\[\d+\]")]
    private static partial Regex EventId();
}
