using System.Text;
using MeioForecast.Pipeline.Sharding;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Sharding;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Tests.Sharding;

/// <summary>ShardPublisher + ShardFinalizer on a local folder, with hand-written shard files.</summary>
public sealed class ShardFinalizerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);

    private static RunManifest Manifest(string fingerprint, string forecaster, string origin) => new(
        1, "r", T0, fingerprint,
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["forecaster"] = forecaster, ["forecast_origin"] = origin, ["horizon"] = "28" },
        "0.1.0", []);

    private static RunFile Csv(string text) => new("targets.csv", Encoding.UTF8.GetBytes(text), text.Count(c => c == '\n') - 1);

    [Fact]
    public async Task Finalize_merges_combines_shard_settings_and_is_idempotent()
    {
        using var temp = new TempFolder();
        var store = new LocalFolderStore(temp.Path);
        await new ShardPublisher(store).PublishAsync("r", new ShardSpec(0, 2), Manifest("fp", "none", "0001-01-01"), [Csv("sku,x\nB,2\n")], CancellationToken.None);
        await new ShardPublisher(store).PublishAsync("r", new ShardSpec(1, 2), Manifest("fp", "baseline", "2026-10-31"), [Csv("sku,x\nA,1\nC,3\n")], CancellationToken.None);

        var manifest = await new ShardFinalizer(store).FinalizeAsync("r", 2, CancellationToken.None);

        Assert.Equal("sku,x\nA,1\nB,2\nC,3\n", File.ReadAllText(Path.Combine(temp.Path, "runs", "r", "targets.csv")));
        Assert.Equal(3, manifest.Files.Single().Rows);
        Assert.Equal("baseline", manifest.Settings["forecaster"]);          // "none" of an empty shard dropped
        Assert.Equal("2026-10-31", manifest.Settings["forecast_origin"]);   // the latest origin of the shards
        Assert.False(manifest.Settings.ContainsKey("shard"));
        var again = await new ShardFinalizer(store).FinalizeAsync("r", 2, CancellationToken.None);
        Assert.Equal(manifest.Files, again.Files);
    }

    [Fact]
    public async Task Shards_of_different_inputs_or_settings_are_refused_with_every_problem_listed()
    {
        using var temp = new TempFolder();
        var store = new LocalFolderStore(temp.Path);
        var other = Manifest("fp2", "baseline", "2026-10-31") with { Settings = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["forecaster"] = "baseline", ["forecast_origin"] = "2026-10-31", ["horizon"] = "14" } };
        await new ShardPublisher(store).PublishAsync("r", new ShardSpec(0, 2), Manifest("fp1", "baseline", "2026-10-31"), [Csv("sku,x\nB,2\n")], CancellationToken.None);
        await new ShardPublisher(store).PublishAsync("r", new ShardSpec(1, 2), other, [Csv("sku,x\nA,1\n")], CancellationToken.None);

        var error = await Assert.ThrowsAsync<ShardsIncompleteException>(() => new ShardFinalizer(store).FinalizeAsync("r", 2, CancellationToken.None));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("shard 1 planned another input than shard 0", StringComparison.Ordinal));
        Assert.Contains("shard 1 has setting horizon='14', shard 0 has '28'.", error.Problems);
        Assert.False(File.Exists(Path.Combine(temp.Path, "runs", "r", "manifest.json")));
        Assert.False(File.Exists(Path.Combine(temp.Path, "latest.json")));
    }
}
