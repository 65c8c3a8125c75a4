using MeioForecast.Pipeline.Sharding;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Sharding;

/// <summary>
/// The lock of one shard: a lease on <c>runs/&lt;run-id&gt;/shards/&lt;i&gt;/run.lock</c>, so two processes never
/// write the same shard, while different shards of a run proceed in parallel (the run's own lock is taken by finalize).
/// </summary>
public static class ShardLock
{
    /// <summary>Takes the lock, polling every <paramref name="pollInterval"/> for up to <paramref name="wait"/>; throws <see cref="RunLockedException"/> when it stays held.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(IOutputStore store, string runId, ShardSpec shard, TimeSpan wait, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        var path = ShardLayout.ShardLock(runId, shard);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await store.TryAcquireLeaseAsync(path, cancellationToken).ConfigureAwait(false) is { } lease)
            {
                return lease;
            }

            var left = wait - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new RunLockedException(runId, path, store.Description, wait);
            }

            await Task.Delay(left < pollInterval ? left : pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
