using System.Text.Json;

namespace MeioForecast.Worker.Tests.Sharding;

/// <summary>
/// `meio run --shard i/N` in N separate processes + `meio finalize` against the single-process `meio run` of the same
/// input (the oracle): the merged files must be identical byte for byte; a missing or corrupt shard must make finalize
/// fail with a message naming it and publish nothing. On the medium generated input with a small service check: the
/// byte identity does not depend on the size of the input or the number of simulated replications.
/// </summary>
public sealed class ShardedRunTests : IDisposable
{
    private const string RunId = "sharded";

    /// <summary>A small simulation (byte identity does not need precision), the same in every process.</summary>
    private static readonly string[] SmallServiceCheck = ["--ServiceCheck:Replications=4", "--ServiceCheck:Periods=56", "--ServiceCheck:MaxRounds=2"];
    private readonly string _root = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<string> RunShardsAsync(string name, int count)
    {
        var output = Path.Combine(_root, name);
        var shards = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            MeioProcess.RunAsync(["run", "--input", TestPaths.MediumInput, "--output", output, "--run-id", RunId, "--shard", $"{i}/{count}", "--Forecasting:Method=baseline", .. SmallServiceCheck])));
        foreach (var (exit, log) in shards)
        {
            Assert.True(exit == ExitCodes.Ok, $"shard exit {exit}:\n{log}");
        }

        Assert.False(File.Exists(Path.Combine(output, "latest.json")), "a shard must not publish latest.json");
        Assert.False(File.Exists(Path.Combine(output, "runs", RunId, "manifest.json")), "a shard must not write the run manifest");
        return output;
    }

    private static string[] FileEntries(string manifestPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        // report.html is compared on its own: finalize has no input, so its report has no demand history (docs/report.md).
        return doc.RootElement.GetProperty("files").EnumerateArray()
            .Where(f => f.GetProperty("path").GetString() != "report.html")
            .Select(f => f.GetRawText()).ToArray();
    }

    private static string[] FileNames(string manifestPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        return doc.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToArray();
    }

    [Fact]
    public async Task One_two_and_three_shards_plus_finalize_equal_the_single_process_run_byte_for_byte()
    {
        var single = Path.Combine(_root, "single");
        var (exit, log) = await MeioProcess.RunAsync(["run", "--input", TestPaths.MediumInput, "--output", single, "--run-id", RunId, "--Forecasting:Method=baseline", .. SmallServiceCheck]);
        Assert.True(exit == ExitCodes.Ok, log);
        var expectedRun = Path.Combine(single, "runs", RunId);

        foreach (var count in new[] { 1, 2, 3 })
        {
            var output = await RunShardsAsync($"n{count}", count);
            (exit, log) = await MeioProcess.RunAsync("finalize", "--run", RunId, "--shards", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", output);
            Assert.True(exit == ExitCodes.Ok, $"finalize N={count} exit {exit}:\n{log}");

            var run = Path.Combine(output, "runs", RunId);
            // Every run file, the run-level summaries (metrics.json, explanation_summary.csv) included; report.html below.
            var names = FileNames(Path.Combine(expectedRun, "manifest.json")).Where(n => n != "report.html").ToArray();
            Assert.Contains("metrics.json", names);
            Assert.Contains("explanation_summary.csv", names);
            foreach (var file in names)
            {
                Assert.True(
                    File.ReadAllBytes(Path.Combine(expectedRun, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(run, file))),
                    $"N={count}: {file} differs from the single-process run");
            }

            // Same file list, sizes, hashes and row counts in the manifest; latest.json points at the run.
            Assert.Equal(FileEntries(Path.Combine(expectedRun, "manifest.json")), FileEntries(Path.Combine(run, "manifest.json")));
            using var latest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "latest.json")));
            Assert.Equal(RunId, latest.RootElement.GetProperty("run_id").GetString());

            // finalize writes the run's report.html from the merged files (without the input: buffers as a table).
            using (var finalized = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run, "manifest.json"))))
            {
                Assert.Contains("report.html", finalized.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
            }

            Assert.Contains("meio report --input DIR", File.ReadAllText(Path.Combine(run, "report.html")), StringComparison.Ordinal);

            // Every shard planned a non-empty, disjoint part when N <= 3 on 8 skus (FNV-1a spreads them).
            for (var i = 0; i < count; i++)
            {
                Assert.True(new FileInfo(Path.Combine(run, "shards", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "targets.csv")).Length > 200);
            }
        }
    }

    [Fact]
    public async Task A_missing_or_corrupt_shard_makes_finalize_fail_clearly_and_publish_nothing()
    {
        var output = await RunShardsAsync("broken", 3);
        var run = Path.Combine(output, "runs", RunId);
        var manifest1 = Path.Combine(run, "shards", "1", "manifest.json");
        var saved = File.ReadAllBytes(manifest1);
        File.Delete(manifest1);

        var (exit, log) = await MeioProcess.RunAsync("finalize", "--run", RunId, "--shards", "3", "--output", output);
        Assert.True(exit == ExitCodes.ShardsIncomplete, $"exit {exit}:\n{log}");
        Assert.Contains("shard 1/3 has no manifest", log, StringComparison.Ordinal);
        Assert.Contains("nothing was published", log, StringComparison.Ordinal);
        AssertNothingPublished(output, run);

        File.WriteAllBytes(manifest1, saved);
        var targets2 = Path.Combine(run, "shards", "2", "targets.csv");
        var bytes = File.ReadAllBytes(targets2);
        bytes[^3] = (byte)(bytes[^3] == (byte)'1' ? '2' : '1');
        File.WriteAllBytes(targets2, bytes);
        (exit, log) = await MeioProcess.RunAsync("finalize", "--run", RunId, "--shards", "3", "--output", output);
        Assert.True(exit == ExitCodes.ShardsIncomplete, $"exit {exit}:\n{log}");
        Assert.Contains("shard 2: runs/sharded/shards/2/targets.csv does not match its manifest", log, StringComparison.Ordinal);
        AssertNothingPublished(output, run);

        // Wrong shard count: the manifests say i/3.
        (exit, log) = await MeioProcess.RunAsync("finalize", "--run", RunId, "--shards", "2", "--output", output);
        Assert.True(exit == ExitCodes.ShardsIncomplete, $"exit {exit}:\n{log}");
        Assert.Contains("shard folder '2' has a manifest but --shards is 2", log, StringComparison.Ordinal);
        AssertNothingPublished(output, run);
    }

    [Fact]
    public async Task With_finalize_the_last_shard_publishes_the_run_under_the_slot_run_id()
    {
        var output = Path.Combine(_root, "slot");
        string[] Args(int i) => ["run", "--input", TestPaths.MediumInput, "--output", output, "--slot", "0 2 * * *", "--shard", $"{i}/2", "--finalize", .. SmallServiceCheck];
        Assert.Equal(ExitCodes.Ok, await MeioCli.Create().Parse(Args(1)).InvokeAsync());
        Assert.False(File.Exists(Path.Combine(output, "latest.json")), "shard 0 is missing: nothing may be finalized yet");
        Assert.Equal(ExitCodes.Ok, await MeioCli.Create().Parse(Args(0)).InvokeAsync());

        // Run id = latest 02:00 UTC slot at or before now + the first 8 hex of the input fingerprint (the worker's convention).
        var now = DateTimeOffset.UtcNow;
        var slot = new DateTimeOffset(now.Year, now.Month, now.Day, 2, 0, 0, TimeSpan.Zero);
        slot = slot > now ? slot.AddDays(-1) : slot;
        using var latest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "latest.json")));
        var runId = latest.RootElement.GetProperty("run_id").GetString()!;
        Assert.StartsWith(slot.ToString("yyyyMMdd'T'HHmmss'Z'-", System.Globalization.CultureInfo.InvariantCulture), runId, StringComparison.Ordinal);
        Assert.Equal(
            File.ReadAllLines(Path.Combine(output, "runs", runId, "shards", "0", "targets.csv")).Length + File.ReadAllLines(Path.Combine(output, "runs", runId, "shards", "1", "targets.csv")).Length - 1,
            File.ReadAllLines(Path.Combine(output, "runs", runId, "targets.csv")).Length);
    }

    private static void AssertNothingPublished(string output, string run)
    {
        Assert.False(File.Exists(Path.Combine(output, "latest.json")));
        Assert.False(File.Exists(Path.Combine(run, "manifest.json")));
        Assert.False(File.Exists(Path.Combine(run, "targets.csv")));
        Assert.False(File.Exists(Path.Combine(run, "forecasts.csv")));
    }
}
