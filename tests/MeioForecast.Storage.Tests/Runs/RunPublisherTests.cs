using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Tests.Runs;

public class RunPublisherTests
{
    private static readonly Dictionary<string, string> Settings = new() { ["period"] = "day" };

    private static RunFile File(string name, string text) => new(name, Encoding.UTF8.GetBytes(text), 1);

    private static Task<RunManifest> Publish(IOutputStore store, string runId, DateTimeOffset created, string text = "a,b\n1,2\n") =>
        new RunPublisher(store).PublishAsync(runId, created, "fp", Settings, "1.0.0", [File("targets.csv", text)], CancellationToken.None);

    [Fact]
    public async Task Manifest_lists_every_file_with_its_sha256_and_latest_points_to_the_run()
    {
        using var temp = new TempFolder();
        var store = new LocalFolderStore(temp.Path);
        var manifest = await Publish(store, "r1", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var entry = Assert.Single(manifest.Files);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("a,b\n1,2\n"u8)), entry.Sha256);
        Assert.Equal(8, entry.Size);
        var latest = JsonSerializer.Deserialize<LatestPointer>(System.IO.File.ReadAllBytes(Path.Combine(temp.Path, "latest.json")), RunManifest.JsonOptions)!;
        Assert.Equal("r1", latest.RunId);
        Assert.Equal("runs/r1/manifest.json", latest.Manifest);
        var verified = await new RunReader(store).TryReadLatestAsync(CancellationToken.None);
        Assert.Equal("r1", verified!.Manifest.RunId);
    }

    [Fact]
    public async Task Latest_follows_completion_order_not_creation_order()
    {
        // Issue 24: a run that started earlier but completes later is the newest plan; its explanation was computed
        // against the run completed before it, so latest.json must point at it for the chain to run forwards.
        using var temp = new TempFolder();
        var store = new LocalFolderStore(temp.Path);
        await Publish(store, "started-later", new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        await Publish(store, "started-earlier", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("started-earlier", (await new RunReader(store).TryReadLatestAsync(CancellationToken.None))!.Manifest.RunId);

        // Re-pointing a complete run whose completion time is lost (a rerun of an old id) never moves latest backwards:
        // it was created before the latest run completed, so it may have completed earlier.
        Assert.NotNull(await new RunPublisher(store).TryCompleteExistingAsync("started-later", CancellationToken.None));
        Assert.Equal("started-earlier", (await new RunReader(store).TryReadLatestAsync(CancellationToken.None))!.Manifest.RunId);
    }

    [Fact]
    public async Task Concurrent_runs_leave_latest_on_a_complete_run_with_its_completion_time()
    {
        using var temp = new TempFolder();
        var store = new LocalFolderStore(temp.Path);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Publish(store, $"r{i}", start.AddMinutes(i)))));
        var pointer = JsonSerializer.Deserialize<LatestPointer>((await store.TryReadAsync(RunLayout.LatestPath, CancellationToken.None))!.Content.Span, RunManifest.JsonOptions)!;
        Assert.NotNull(pointer.CompletedUtc);
        Assert.Equal(pointer.RunId, (await new RunReader(store).TryReadLatestAsync(CancellationToken.None))!.Manifest.RunId);
    }

    [Fact]
    public async Task A_corrupted_file_makes_the_run_untrusted()
    {
        using var temp = new TempFolder();
        var store = new LocalFolderStore(temp.Path);
        await Publish(store, "r1", DateTimeOffset.UnixEpoch);
        await System.IO.File.WriteAllTextAsync(Path.Combine(temp.Path, "runs", "r1", "targets.csv"), "a,b\n1,3\n");
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new RunReader(store).ReadAsync("r1", CancellationToken.None));
        Assert.Contains("targets.csv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_without_manifest_is_not_complete()
    {
        using var temp = new TempFolder();
        var store = new LocalFolderStore(temp.Path);
        await store.WriteAsync("runs/r9/targets.csv", "x"u8.ToArray(), WriteCondition.None, CancellationToken.None);
        await Assert.ThrowsAsync<InvalidDataException>(() => new RunReader(store).ReadAsync("r9", CancellationToken.None));
        Assert.Null(await new RunReader(store).TryReadLatestAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Republishing_the_same_run_is_idempotent_but_different_content_is_refused()
    {
        using var temp = new TempFolder();
        var store = new LocalFolderStore(temp.Path);
        var created = DateTimeOffset.UnixEpoch;
        var first = await Publish(store, "r1", created);
        var second = await Publish(store, "r1", created);
        Assert.Equal(first.Files, second.Files);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Publish(store, "r1", created, "a,b\n9,9\n"));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    public void Unsafe_run_ids_are_refused(string runId) =>
        Assert.Throws<ArgumentException>(() => RunLayout.ValidateRunId(runId));
}
