using MeioForecast.Pipeline.Explanation;

namespace MeioForecast.Pipeline.Publishing;

/// <summary>
/// Port: where runs are published (a local folder or blob storage). Nothing of a run is visible until all its files
/// are written; then the manifest, then latest.json (docs/output-format.md).
/// </summary>
public interface IRunSink
{
    /// <summary>Where the runs go, for messages.</summary>
    string Description { get; }

    /// <summary>Takes the lock of <paramref name="scope"/>, retrying for up to <paramref name="wait"/>; throws when another worker holds it.</summary>
    Task<IRunLease> AcquireLockAsync(RunScope scope, TimeSpan wait, TimeSpan pollInterval, CancellationToken cancellationToken);

    /// <summary>When <paramref name="scope"/> is complete already, verifies it (and for a whole run points latest.json at it); else null.</summary>
    Task<PublishedRun?> TryCompleteExistingAsync(RunScope scope, CancellationToken cancellationToken);

    /// <summary>The drivers of the latest complete run (the basis of explanations); null when there is none with drivers.</summary>
    /// <exception cref="InvalidDataException">The previous run is not readable.</exception>
    Task<RunDrivers?> TryReadPreviousAsync(CancellationToken cancellationToken);

    /// <summary>Writes the run's files (and for a whole run its report), then its manifest, then latest.json.</summary>
    Task<PublishedRun> PublishAsync(PlannedRun run, CancellationToken cancellationToken);
}
