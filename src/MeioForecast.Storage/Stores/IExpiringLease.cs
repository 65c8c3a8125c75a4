namespace MeioForecast.Storage.Stores;

/// <summary>
/// A lease that can be lost while held (a blob lease that could not be renewed before it expired): the holder must stop
/// its work when <see cref="Lost"/> is cancelled, since another worker may take the lease. Disposing releases it.
/// </summary>
public interface IExpiringLease : IAsyncDisposable
{
    /// <summary>Cancelled when the lease is no longer held.</summary>
    CancellationToken Lost { get; }
}
