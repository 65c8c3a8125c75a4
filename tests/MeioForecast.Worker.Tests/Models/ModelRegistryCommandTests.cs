using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeioForecast.Worker.Tests.Sharding;

namespace MeioForecast.Worker.Tests.Models;

/// <summary>
/// `meio train`, `meio models list|compare|approve` and `meio run` with a registered model, in separate processes:
/// printed metrics equal the stored ones; a run with the registered model equals, byte for byte, the run that trains
/// its stage itself (the oracle) and records the model; N = 1, 2, 3 shards sharing the model + finalize equal the
/// single-process run with it.
/// </summary>
public sealed class ModelRegistryCommandTests(RegistryFixture f) : IClassFixture<RegistryFixture>
{
    private const string RunId = "r";

    private JsonElement Manifest(string id) => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(f.Models, "models", id, "model.json"))).RootElement;

    private static string Setting(string run, string key) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run, "manifest.json"))).RootElement.GetProperty("settings").GetProperty(key).GetString()!;

    private static void AssertSameBytes(string expectedRun, string actualRun, string what)
    {
        foreach (var file in new[] { "targets.csv", "forecasts.csv" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expectedRun, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actualRun, file))), $"{what}: {file} differs");
        }
    }

    [Fact]
    public async Task List_and_compare_print_the_metrics_stored_in_the_manifests()
    {
        Assert.Matches(@"^\d{8}T\d{6}Z-[0-9a-f]{8}$", f.ModelA);
        Assert.Contains("gbdt q0.5: done", f.TrainLog, StringComparison.Ordinal);   // progress per quantile model
        Assert.Contains("gbdt q0.5: 25/200 trees", f.TrainLog, StringComparison.Ordinal);   // and per tree count

        var (exit, log) = await MeioProcess.RunAsync("models", "list", "--models", f.Models, "--json");
        Assert.True(exit == ExitCodes.Ok, log);
        var listed = JsonDocument.Parse(log).RootElement.EnumerateArray().ToArray();
        Assert.Equal([f.ModelB, f.ModelA], listed.Select(m => m.GetProperty("model_id").GetString()));   // newest first
        Assert.Equal(["candidate", "approved"], listed.Select(m => m.GetProperty("status").GetString()));
        foreach (var m in listed)
        {
            var stored = Manifest(m.GetProperty("model_id").GetString()!).GetProperty("metrics");
            var printed = m.GetProperty("metrics");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(stored.GetRawText()), JsonNode.Parse(printed.GetRawText())), printed.GetRawText());
            Assert.Equal(stored.GetProperty("wspl").GetDouble(), printed.GetProperty("wspl").GetDouble());
            Assert.Equal(stored.GetProperty("pinball").EnumerateArray().Select(v => v.GetDouble()), printed.GetProperty("pinball").EnumerateArray().Select(v => v.GetDouble()));
            Assert.Equal(5, stored.GetProperty("pinball").GetArrayLength());
            Assert.InRange(stored.GetProperty("cov80").GetDouble(), 0.3, 1.0);
        }

        (exit, log) = await MeioProcess.RunAsync("models", "compare", f.ModelB, "approved", "--models", f.Models);
        Assert.True(exit == ExitCodes.Ok, log);
        var lines = log.Split('\n');
        string[] Cells(string row) => lines.Single(l => l.StartsWith(row + " ", StringComparison.Ordinal))[18..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([f.ModelB, f.ModelA], Cells("model_id"));
        foreach (var (row, field) in new[] { ("wspl", "wspl"), ("cov80", "cov80"), ("width80", "width80") })
        {
            Assert.Equal([G6(f.ModelB, field), G6(f.ModelA, field)], Cells(row));
        }

        var levels = Manifest(f.ModelA).GetProperty("metrics").GetProperty("levels").EnumerateArray().Select(l => l.GetDouble()).ToArray();
        for (var j = 0; j < levels.Length; j++)
        {
            Assert.Equal([G6(f.ModelB, "pinball", j), G6(f.ModelA, "pinball", j)], Cells("pinball q" + levels[j].ToString("R", CultureInfo.InvariantCulture)));
        }
    }

    private string G6(string id, string field, int? index = null)
    {
        var m = Manifest(id).GetProperty("metrics").GetProperty(field);
        return (index is { } i ? m[i] : m).GetDouble().ToString("G6", CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_run_with_the_registered_model_equals_the_run_that_trains_its_stage_and_records_the_model()
    {
        var inRun = Path.Combine(f.Root, "in-run");
        var (exit, log) = await MeioProcess.RunAsync("run", "--input", f.Input, "--output", inRun, "--run-id", RunId, "--ServiceCheck:Enabled=false");
        Assert.True(exit == ExitCodes.Ok, log);
        var withModel = Path.Combine(f.Root, "with-model");
        (exit, log) = await MeioProcess.RunAsync("run", "--input", f.Input, "--output", withModel, "--run-id", RunId, "--models", f.Models, "--ServiceCheck:Enabled=false");
        Assert.True(exit == ExitCodes.Ok, log);

        // latest = the newest APPROVED model (A; B is newer but a candidate), trained with the run's own options and seed.
        Assert.Equal(f.ModelA, Setting(Path.Combine(withModel, "runs", RunId), "forecast_model"));
        Assert.Equal("in-run", Setting(Path.Combine(inRun, "runs", RunId), "forecast_model"));
        Assert.DoesNotContain("gbdt q0.5: done", log, StringComparison.Ordinal);   // nothing trained
        AssertSameBytes(Path.Combine(inRun, "runs", RunId), Path.Combine(withModel, "runs", RunId), "registered model A vs in-run training");

        // An explicit id picks that model (a candidate is allowed), and its forecasts differ (10 trees instead of 200).
        var withB = Path.Combine(f.Root, "with-b");
        (exit, log) = await MeioProcess.RunAsync("run", "--input", f.Input, "--output", withB, "--run-id", RunId, "--models", f.Models, $"--Forecasting:Model={f.ModelB}", "--ServiceCheck:Enabled=false");
        Assert.True(exit == ExitCodes.Ok, log);
        Assert.Equal(f.ModelB, Setting(Path.Combine(withB, "runs", RunId), "forecast_model"));
        Assert.False(File.ReadAllBytes(Path.Combine(withB, "runs", RunId, "forecasts.csv")).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(withModel, "runs", RunId, "forecasts.csv"))));

        // An unknown id is a configuration error (exit 6) and publishes nothing.
        var unknown = Path.Combine(f.Root, "unknown");
        (exit, log) = await MeioProcess.RunAsync("run", "--input", f.Input, "--output", unknown, "--run-id", RunId, "--models", f.Models, "--Forecasting:Model=20000101T000000Z-00000000");
        Assert.True(exit == ExitCodes.BadConfiguration, log);
        Assert.Contains("is not in", log, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(unknown, "latest.json")));
    }

    [Fact]
    public async Task One_two_and_three_shards_sharing_the_model_plus_finalize_equal_the_single_process_run_byte_for_byte()
    {
        // A small simulation, the same in every process: byte identity does not need precision.
        string[] smallServiceCheck = ["--ServiceCheck:Replications=4", "--ServiceCheck:Periods=56", "--ServiceCheck:MaxRounds=2"];
        var single = Path.Combine(f.Root, "single");
        var (exit, log) = await MeioProcess.RunAsync(["run", "--input", f.Input, "--output", single, "--run-id", RunId, "--models", f.Models, $"--Forecasting:Model={f.ModelA}", .. smallServiceCheck]);
        Assert.True(exit == ExitCodes.Ok, log);
        foreach (var count in new[] { 1, 2, 3 })
        {
            var output = Path.Combine(f.Root, $"n{count}");
            var shards = await Task.WhenAll(Enumerable.Range(0, count).Select(i => MeioProcess.RunAsync(
                ["run", "--input", f.Input, "--output", output, "--run-id", RunId, "--shard", $"{i}/{count}", "--models", f.Models, $"--Forecasting:Model={f.ModelA}", .. smallServiceCheck])));
            Assert.All(shards, s => Assert.True(s.ExitCode == ExitCodes.Ok, s.Output));
            (exit, log) = await MeioProcess.RunAsync("finalize", "--run", RunId, "--shards", count.ToString(CultureInfo.InvariantCulture), "--output", output);
            Assert.True(exit == ExitCodes.Ok, $"finalize N={count} exit {exit}:\n{log}");
            AssertSameBytes(Path.Combine(single, "runs", RunId), Path.Combine(output, "runs", RunId), $"N={count}");
            Assert.Equal(f.ModelA, Setting(Path.Combine(output, "runs", RunId), "forecast_model"));
        }
    }

    [Fact]
    public async Task Approve_makes_a_candidate_the_latest_approved_model()
    {
        // Own registry copy: approving B must not change what the other tests see.
        var copy = Path.Combine(f.Root, "registry-copy");
        CopyFolder(f.Models, copy);
        var (exit, log) = await MeioProcess.RunAsync("models", "approve", f.ModelB, "--models", copy, "--note", "gate passed");
        Assert.True(exit == ExitCodes.Ok, log);
        (exit, log) = await MeioProcess.RunAsync("models", "list", "--models", copy, "--json");
        Assert.True(exit == ExitCodes.Ok, log);
        Assert.Equal(["approved", "approved"], JsonDocument.Parse(log).RootElement.EnumerateArray().Select(m => m.GetProperty("status").GetString()));
        (exit, log) = await MeioProcess.RunAsync("models", "compare", f.ModelA, "approved", "--models", copy, "--json");
        Assert.True(exit == ExitCodes.Ok, log);
        Assert.Equal([f.ModelA, f.ModelB], JsonDocument.Parse(log).RootElement.EnumerateArray().Select(m => m.GetProperty("model_id").GetString()));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
