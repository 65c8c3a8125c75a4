using System.Security.Cryptography;
using System.Text.Json;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;
using MeioForecast.Storage.Tests.Azure;

namespace MeioForecast.Storage.Tests.Runs;

/// <summary>The run lifecycle (files, manifest last, conditional latest.json, run lock, resume) on both adapters.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunLifecycleTests(AzuriteFixture azurite) : IDisposable
{
    private readonly List<string> _folders = [];

    [Theory]
    [InlineData("local")]
    [InlineData("blob")]
    public async Task A_published_run_reads_back_verified_with_every_hash(string kind)
    {
        var store = await NewStoreAsync(kind);
        await RunSamples.PublishAsync(store, "r1", RunSamples.T0, "x");
        var run = await new RunReader(store).TryReadLatestAsync(default);
        Assert.NotNull(run);
        Assert.Equal("r1", run.Manifest.RunId);
        foreach (var file in RunSamples.Files("x"))
        {
            // Hashes recomputed here independently of the publisher.
            var entry = Assert.Single(run.Manifest.Files, e => e.Path == file.Name);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file.Content.Span)), entry.Sha256);
            Assert.Equal(file.Content.ToArray(), run.Files[file.Name].ToArray());
        }

        var listed = await AzureBlobStoreTests.ToListAsync(store.ListAsync("runs/r1/", default));
        Assert.Equal(["runs/r1/explanations/A_DC1.json", "runs/r1/forecasts.csv", "runs/r1/manifest.json", "runs/r1/report.md", "runs/r1/targets.csv"], listed.Select(i => i.Path));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("blob")]
    public async Task A_file_that_no_longer_matches_its_hash_makes_the_run_untrusted(string kind)
    {
        var store = await NewStoreAsync(kind);
        await RunSamples.PublishAsync(store, "r1", RunSamples.T0, "x");
        await store.WriteAsync(RunLayout.RunFile("r1", "targets.csv"), "tampered"u8.ToArray(), WriteCondition.None, default);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new RunReader(store).TryReadLatestAsync(default));
        Assert.Contains("targets.csv", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidDataException>(() => new RunPublisher(store).TryCompleteExistingAsync("r1", default));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("blob")]
    public async Task The_run_lock_refuses_a_second_worker_and_a_waiting_worker_gets_it_after_release(string kind)
    {
        var store = await NewStoreAsync(kind);
        var held = await RunLock.AcquireAsync(store, "r1", TimeSpan.Zero, TimeSpan.FromMilliseconds(50), default);
        var refused = await Assert.ThrowsAsync<RunLockedException>(() => RunLock.AcquireAsync(store, "r1", TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(50), default));
        Assert.Contains("Run 'r1' is being written by another worker", refused.Message, StringComparison.Ordinal);
        var waiting = RunLock.AcquireAsync(store, "r1", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50), default);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();
        await (await waiting).DisposeAsync();
    }

    [Theory]
    [InlineData("local")]
    [InlineData("blob")]
    public async Task Re_running_a_run_skips_files_already_written_with_matching_hashes(string kind)
    {
        var inner = await NewStoreAsync(kind);
        var failing = new HookedStore(inner);
        var files = 0;
        failing.BeforeWrite = path => ++files == 3 ? throw new IOException("simulated storage failure") : Task.CompletedTask;
        await Assert.ThrowsAsync<IOException>(() => RunSamples.PublishAsync(failing, "r1", RunSamples.T0, "x"));
        Assert.Null(await inner.TryReadAsync(RunLayout.Manifest("r1"), default));
        Assert.Null(await inner.TryReadAsync(RunLayout.LatestPath, default));

        // Files are written in name order: explanations/A_DC1.json and forecasts.csv made it; report.md failed.
        var resumed = new HookedStore(inner);
        await RunSamples.PublishAsync(resumed, "r1", RunSamples.T0.AddMinutes(1), "x");
        Assert.Equal(["runs/r1/report.md", "runs/r1/targets.csv", "runs/r1/manifest.json", "latest.json"], resumed.Writes);
        Assert.Equal("r1", (await new RunReader(inner).TryReadLatestAsync(default))!.Manifest.RunId);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("blob")]
    public async Task A_complete_run_whose_latest_pointer_was_not_written_is_completed_without_replanning(string kind)
    {
        var inner = await NewStoreAsync(kind);
        var failing = new HookedStore(inner) { BeforeWrite = path => path == RunLayout.LatestPath ? throw new IOException("lost") : Task.CompletedTask };
        await Assert.ThrowsAsync<IOException>(() => RunSamples.PublishAsync(failing, "r1", RunSamples.T0, "x"));
        Assert.Null(await new RunReader(inner).TryReadLatestAsync(default));

        var resumed = new HookedStore(inner);
        var manifest = await new RunPublisher(resumed).TryCompleteExistingAsync("r1", default);
        Assert.Equal(RunSamples.T0, manifest!.CreatedUtc);
        Assert.Equal(["latest.json"], resumed.Writes);
        Assert.Null(await new RunPublisher(inner).TryCompleteExistingAsync("r2", default));

        // Publishing the same run again (a later clock) accepts the existing manifest and rewrites nothing.
        var again = new HookedStore(inner);
        var republished = await RunSamples.PublishAsync(again, "r1", RunSamples.T0.AddHours(1), "x");
        Assert.Equal(RunSamples.T0, republished.CreatedUtc);
        Assert.Empty(again.Writes);
        // Another input under the same run id (issue 24): refused, naming both fingerprints.
        var mismatch = await Assert.ThrowsAsync<RunInputMismatchException>(() => RunSamples.PublishAsync(inner, "r1", RunSamples.T0, "other"));
        Assert.Contains("fp-x", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("fp-other", mismatch.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RunInputMismatchException>(() => new RunPublisher(inner).TryCompleteExistingAsync("r1", "fp-other", default));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("blob")]
    public async Task Concurrent_runs_move_latest_only_forward_in_completion_order(string kind)
    {
        // Eight runs published at once, created in another order than they complete. Every successful write of
        // latest.json is recorded: their completion times must never decrease (issue 24: latest.json moves only forward
        // in completion order), and the final pointer is the run that completed last of all.
        var inner = await NewStoreAsync(kind);
        var pointers = new System.Collections.Concurrent.ConcurrentQueue<LatestPointer>();
        var store = new HookedStore(inner)
        {
            SerializeWrites = true,
            Written = (path, content) =>
            {
                if (path == RunLayout.LatestPath)
                {
                    pointers.Enqueue(JsonSerializer.Deserialize<LatestPointer>(content.Span, RunManifest.JsonOptions)!);
                }
            },
        };
        var order = new[] { 3, 7, 0, 5, 1, 6, 2, 4 };
        await Task.WhenAll(order.Select(i => Task.Run(() => RunSamples.PublishAsync(store, $"run-{i}", RunSamples.T0.AddMinutes(-i), $"v{i}"))));
        var latest = JsonSerializer.Deserialize<LatestPointer>((await inner.TryReadAsync(RunLayout.LatestPath, default))!.Content.Span, RunManifest.JsonOptions)!;
        var written = pointers.Select(p => p.CompletedUtc!.Value).ToList();
        Assert.Equal(written.Order().ToList(), written);
        Assert.Equal(written.Max(), latest.CompletedUtc);
        Assert.Equal(latest.RunId, (await new RunReader(inner).TryReadLatestAsync(default))!.Manifest.RunId);
        foreach (var i in order)
        {
            Assert.Equal($"fp-v{i}", (await new RunReader(store).ReadAsync($"run-{i}", default)).Manifest.InputFingerprint);
        }
    }

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<IOutputStore> NewStoreAsync(string kind)
    {
        if (kind == "blob")
        {
            return await azurite.NewStoreAsync("runs", prefix: "plans/eu");
        }

        var folder = Directory.CreateTempSubdirectory("meio-runs-").FullName;
        _folders.Add(folder);
        return new LocalFolderStore(folder);
    }
}
