using Azure.Storage.Blobs.Specialized;

namespace MeioForecast.Storage.Stores.Azure;

/// <summary>
/// A held blob lease: renewed in the background every third of its duration, released on dispose. When a renewal
/// keeps failing so that no renewal can land before expiry, <see cref="Lost"/> is cancelled: the holder must stop, since
/// another worker may take the lease once it expires.
/// </summary>
internal sealed class BlobLease : IExpiringLease
{
    private readonly BlobLeaseClient _lease;
    private readonly BlobCallGuard _guard;
    private readonly string _blobName;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewal;
    private int _disposed;

    internal BlobLease(BlobLeaseClient lease, BlobCallGuard guard, string blobName, TimeSpan duration)
    {
        _lease = lease;
        _guard = guard;
        _blobName = blobName;
        Lost = _lost.Token;
        _renewal = RenewLoopAsync(duration / 3);
    }

    /// <summary>Cancelled when the lease could not be renewed in time.</summary>
    public CancellationToken Lost { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        try
        {
            if (!_lost.IsCancellationRequested)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _guard.RunAsync("Release lease", _blobName, () => _lease.ReleaseAsync(cancellationToken: timeout.Token), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is BlobStorageException or OperationCanceledException)
        {
            // Best effort: an unreleased lease expires by itself after its duration.
        }
        finally
        {
            _stop.Dispose();
            _lost.Dispose();
        }
    }

    private async Task RenewLoopAsync(TimeSpan interval)
    {
        var lastRenewal = DateTime.UtcNow;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _stop.Token).ConfigureAwait(false);
                await _guard.RunAsync("Renew lease", _blobName, () => _lease.RenewAsync(cancellationToken: _stop.Token), _stop.Token).ConfigureAwait(false);
                lastRenewal = DateTime.UtcNow;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (BlobStorageException)
            {
                // Declared lost as soon as no further renewal could land before the lease expires (duration = 3 intervals),
                // so the holder stops before another worker can take the lease.
                if (DateTime.UtcNow - lastRenewal + interval >= interval * 3)
                {
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
    }
}
