namespace MeioForecast.Pipeline.Publishing;

/// <summary>The exclusive lock of a run (or shard) while it is planned and published; disposing releases it.</summary>
public interface IRunLease : IAsyncDisposable
{
    /// <summary>Cancelled when the lock is no longer held (a lease that could not be renewed): the run must stop.</summary>
    CancellationToken Lost { get; }
}
