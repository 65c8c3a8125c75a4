using MeioForecast.Pipeline.Publishing;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Tests.Runs;

/// <summary>Issue 24: a failed or killed write leaves no <c>.tmp-&lt;guid&gt;</c> file behind for good.</summary>
public sealed class TemporaryFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("meio-tmp-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string[] Temporaries() => Directory.GetFiles(_root, ".tmp-*", SearchOption.AllDirectories);

    [Fact]
    public async Task A_write_that_fails_midway_removes_its_temporary_file()
    {
        var store = new LocalFolderStore(_root);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.WriteAsync("runs/r1/targets.csv", new byte[1 << 20], WriteCondition.None, cancelled.Token));
        Assert.Empty(Temporaries());
        Assert.False(File.Exists(Path.Combine(_root, "runs", "r1", "targets.csv")));
    }

    [Fact]
    public async Task Resuming_a_run_removes_the_temporary_files_of_a_killed_attempt()
    {
        // What kill -9 during a write leaves: a temporary file beside the run's files (and one of latest.json at the root).
        var folder = Directory.CreateDirectory(Path.Combine(_root, "runs", "r1")).FullName;
        var killed = Path.Combine(folder, ".tmp-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(killed, new byte[4096]);
        var other = Directory.CreateDirectory(Path.Combine(_root, "runs", "r2")).FullName;
        var otherRun = Path.Combine(other, ".tmp-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(otherRun, new byte[16]);

        var sink = new StoreRunSink(new LocalFolderStore(_root));
        await using (await sink.AcquireLockAsync(new RunScope("r1", null), TimeSpan.Zero, TimeSpan.FromMilliseconds(50), default))
        {
            Assert.False(File.Exists(killed));
        }

        // Another run's folder is that run's business (it may be writing now, under its own lock).
        Assert.True(File.Exists(otherRun));
    }

    [Fact]
    public async Task Stale_temporary_files_of_latest_json_are_removed_when_latest_moves()
    {
        var stale = Path.Combine(_root, ".tmp-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(stale, new byte[16]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddMinutes(-5));
        var fresh = Path.Combine(_root, ".tmp-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(fresh, new byte[16]);
        await RunSamples.PublishAsync(new LocalFolderStore(_root), "r1", RunSamples.T0, "x");
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh)); // younger than a minute: possibly another process's write in flight
    }
}
