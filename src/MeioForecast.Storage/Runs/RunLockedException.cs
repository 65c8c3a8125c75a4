namespace MeioForecast.Storage.Runs;

/// <summary>Another worker holds the lock of the run: it is writing the same run id right now.</summary>
public sealed class RunLockedException : Exception
{
    /// <summary>Creates the error for run <paramref name="runId"/> whose lock is at <paramref name="lockPath"/> in <paramref name="store"/>.</summary>
    public RunLockedException(string runId, string lockPath, string store, TimeSpan waited)
        : base($"Run '{runId}' is being written by another worker: its lock '{lockPath}' in {store} is held"
               + (waited > TimeSpan.Zero ? $" (waited {waited.TotalSeconds:F0} s)" : "")
               + ". Nothing was written; run again later to resume it, or choose another run id.")
    {
        RunId = runId;
    }

    /// <summary>Creates the error.</summary>
    public RunLockedException() : base("The run is locked by another worker.") => RunId = "";

    /// <summary>Creates the error.</summary>
    public RunLockedException(string message) : base(message) => RunId = "";

    /// <summary>Creates the error.</summary>
    public RunLockedException(string message, Exception innerException) : base(message, innerException) => RunId = "";

    /// <summary>The locked run id.</summary>
    public string RunId { get; }
}
