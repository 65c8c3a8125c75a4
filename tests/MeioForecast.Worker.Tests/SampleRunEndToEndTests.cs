using System.Security.Cryptography;
using System.Text.Json;
using MeioForecast.Storage.Csv;

namespace MeioForecast.Worker.Tests;

/// <summary>
/// `meio run` on data-samples (the shared sample run), checked against the output contract (docs/output-format.md);
/// determinism on a smaller generated input of the same generator.
/// </summary>
[Collection(SampleRunCollection.Name)]
public sealed class SampleRunEndToEndTests(SampleRunFixture sample) : IDisposable
{
    private readonly string _output = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_output, recursive: true);

    /// <summary>A small simulation (determinism does not need precision).</summary>
    private static readonly string[] SmallServiceCheck = ["--ServiceCheck:Replications=4", "--ServiceCheck:Periods=56", "--ServiceCheck:MaxRounds=2"];

    private static List<string[]> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        return CsvParser.Parse(reader).Select(r => r.Fields).ToList();
    }

    [Fact]
    public async Task Sample_run_writes_the_output_contract()
    {
        var runFolder = sample.RunFolder;
        var targets = ReadCsv(Path.Combine(runFolder, "targets.csv"));
        Assert.Equal(
            ["sku", "location", "service_level", "outbound_service_time", "inbound_service_time", "net_replenishment_time",
             "mean_demand_per_period", "safety_stock", "base_stock", "holding_cost"],
            targets[0].Take(10));
        Assert.Equal(["achieved_service", "calibrated_service_level"], targets[0].Skip(10).Take(2));

        // One row per sku-node of the input, in sku-node order.
        var skuNodes = ReadCsv(Path.Combine(TestPaths.DataSamples, "sku_nodes.csv")).Skip(1)
            .Select(r => (r[0], r[1])).Order().ToList();
        Assert.Equal(skuNodes, targets.Skip(1).Select(r => (r[0], r[1])).ToList());

        // forecasts.csv: sku, location, date, method, one column per level; horizon rows per series with history.
        var forecasts = ReadCsv(Path.Combine(runFolder, "forecasts.csv"));
        Assert.Equal(["sku", "location", "date", "method", "q0.05", "q0.1", "q0.25", "q0.5", "q0.75", "q0.9", "q0.95"], forecasts[0]);
        var series = ReadCsv(Path.Combine(TestPaths.DataSamples, "demand.csv")).Skip(1).Select(r => (r[0], r[1])).Distinct().Count();
        Assert.Equal(series * 28, forecasts.Count - 1);
        Assert.Equal("2026-11-01", forecasts[1][2]);

        // The manifest lists every file with its size and SHA-256, and latest.json points to the run.
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(runFolder, "manifest.json")));
        Assert.Equal(SampleRunFixture.RunId, manifest.RootElement.GetProperty("run_id").GetString());
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(
            ["buffer_composition.csv", "explanation_details.csv", "explanation_inputs.csv", "explanation_summary.csv", "explanations.csv", "forecast_contributions.csv", "forecasts.csv", "metrics.json", "node_drivers.csv", "report.html", "targets.csv"],
            files.Select(f => f.GetProperty("path").GetString()));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(runFolder, file.GetProperty("path").GetString()!));
            Assert.Equal(bytes.Length, file.GetProperty("size").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.GetProperty("sha256").GetString());
        }

        Assert.Equal(targets.Count - 1, files.Single(f => f.GetProperty("path").GetString() == "targets.csv").GetProperty("rows").GetInt64());
        Assert.False(string.IsNullOrEmpty(manifest.RootElement.GetProperty("input_fingerprint").GetString()));
        Assert.False(string.IsNullOrEmpty(manifest.RootElement.GetProperty("software_version").GetString()));
        using var latest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(sample.Output, "latest.json")));
        Assert.Equal(SampleRunFixture.RunId, latest.RootElement.GetProperty("run_id").GetString());
        Assert.Equal($"runs/{SampleRunFixture.RunId}/manifest.json", latest.RootElement.GetProperty("manifest").GetString());

        // meio report: from the run folder with the input it rebuilds the run's own report.html byte for byte (peer: the
        // report the run wrote); by run id without the input, the network is a table; a folder that is no run is bad input.
        var fromFolder = Path.Combine(_output, "from-folder.html");
        Assert.Equal(ExitCodes.Ok, await MeioCli.Create().Parse(["report", "--run", runFolder, "--input", TestPaths.DataSamples, "--out", fromFolder]).InvokeAsync());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(runFolder, "report.html")), await File.ReadAllBytesAsync(fromFolder));
        var byId = Path.Combine(_output, "by-id.html");
        Assert.Equal(ExitCodes.Ok, await MeioCli.Create().Parse(["report", "--output", sample.Output, "--run", "latest", "--out", byId, "--top", "5"]).InvokeAsync());
        var html = await File.ReadAllTextAsync(byId);
        Assert.Contains(SampleRunFixture.RunId, html, StringComparison.Ordinal);
        Assert.Contains("meio report --input DIR", html, StringComparison.Ordinal);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(html, "<tr tabindex=\"0\" data-index="));
        Assert.Equal(ExitCodes.BadInput, await MeioCli.Create().Parse(["report", "--run", TestPaths.DataSamples, "--out", byId]).InvokeAsync());
    }

    [Fact]
    public async Task Same_input_and_seed_give_identical_files()
    {
        var input = TestPaths.MediumInput;
        var second = TestPaths.NewTempFolder();
        try
        {
            Assert.Equal(0, await MeioCli.Create().Parse(["run", "--input", input, "--output", _output, "--run-id", "same", .. SmallServiceCheck]).InvokeAsync());
            Assert.Equal(0, await MeioCli.Create().Parse(["run", "--input", input, "--output", second, "--run-id", "same", .. SmallServiceCheck]).InvokeAsync());
            var names = new[] { "targets.csv", "forecasts.csv", "metrics.json", "node_drivers.csv", "explanations.csv", "explanation_summary.csv", "explanation_details.csv", "forecast_contributions.csv", "explanation_inputs.csv", "buffer_composition.csv" };
            foreach (var name in names)
            {
                Assert.Equal(
                    await File.ReadAllBytesAsync(Path.Combine(_output, "runs", "same", name)),
                    await File.ReadAllBytesAsync(Path.Combine(second, "runs", "same", name)));
            }

            // Rerunning the same input against the first run changes nothing: the same targets (calibrated levels
            // included) and metrics to the byte, and every contribution exactly 0 (the previous run is the baseline).
            Assert.Equal(0, await MeioCli.Create().Parse(["run", "--input", input, "--output", _output, "--run-id", "again", .. SmallServiceCheck]).InvokeAsync());
            foreach (var name in names.Take(4).Append("explanation_inputs.csv"))
            {
                Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_output, "runs", "same", name)), await File.ReadAllBytesAsync(Path.Combine(_output, "runs", "again", name)));
            }

            var rows = ReadCsv(Path.Combine(_output, "runs", "again", "explanations.csv")).Skip(1).ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Equal(("previous_run", "0"), (r[6], r[3])));
            Assert.Single(ReadCsv(Path.Combine(_output, "runs", "again", "explanation_details.csv"))); // nothing moved: header only
        }
        finally
        {
            Directory.Delete(second, recursive: true);
        }
    }

    [Fact]
    public async Task Bad_input_exits_with_code_2_and_publishes_nothing()
    {
        var input = TestPaths.NewTempFolder();
        try
        {
            foreach (var file in Directory.GetFiles(TestPaths.DataSamples))
            {
                File.Copy(file, Path.Combine(input, Path.GetFileName(file)));
            }

            await File.AppendAllTextAsync(Path.Combine(input, "demand.csv"), "SKU-001,STORE-01,2026-10-31,-3\n");
            var exit = await MeioCli.Create().Parse(["run", "--input", input, "--output", _output]).InvokeAsync();
            Assert.Equal(ExitCodes.BadInput, exit);
            Assert.False(Directory.Exists(Path.Combine(_output, "runs")));
            Assert.False(File.Exists(Path.Combine(_output, "latest.json")));
        }
        finally
        {
            Directory.Delete(input, recursive: true);
        }
    }
}
