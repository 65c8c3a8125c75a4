using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Runs;

/// <summary>
/// The run lock: an exclusive lease on <c>runs/&lt;run-id&gt;/run.lock</c> (a blob lease on Azure, an OS file lock on a
/// local folder), held from before planning until the run is published, so two workers never write the same run.
/// </summary>
public static class RunLock
{
    /// <summary>Name of the lock object inside the run folder (stores keep the lease beside it, hidden from listings).</summary>
    public const string LockName = "run.lock";

    /// <summary>Path of the lock of run <paramref name="runId"/>.</summary>
    public static string PathOf(string runId) => RunLayout.RunFile(runId, LockName);

    /// <summary>
    /// Takes the lock of <paramref name="runId"/>, polling every <paramref name="pollInterval"/> for up to
    /// <paramref name="wait"/> (zero: one try). Throws <see cref="RunLockedException"/> when another worker still holds it.
    /// Disposing the result releases the lock.
    /// </summary>
    public static async Task<IAsyncDisposable> AcquireAsync(IOutputStore store, string runId, TimeSpan wait, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        var path = PathOf(runId);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var lease = await store.TryAcquireLeaseAsync(path, cancellationToken).ConfigureAwait(false);
            if (lease is not null)
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
