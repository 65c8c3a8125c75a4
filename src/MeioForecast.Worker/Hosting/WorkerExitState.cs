namespace MeioForecast.Worker.Hosting;

/// <summary>What the scheduled worker did, for its exit code and for tests.</summary>
public sealed class WorkerExitState
{
    private int _completedRuns;
    private int _failedRuns;

    /// <summary>Runs published (or found complete) since start.</summary>
    public int CompletedRuns => _completedRuns;

    /// <summary>Runs that failed (bad input, storage failure, locked) since start; the worker goes on with the next slot.</summary>
    public int FailedRuns => _failedRuns;

    /// <summary>True when shutdown interrupted a run (nothing of it was published).</summary>
    public bool AbandonedRun { get; internal set; }

    /// <summary>True while a slot's run is in progress; still true at exit when shutdown left a busy step behind.</summary>
    public bool RunInProgress { get; internal set; }

    /// <summary>Raised after each completed run with its run id.</summary>
    public event EventHandler<string>? RunCompleted;

    /// <summary>Set when the worker could not start its loop (e.g. the output store is unusable); the process exits with it.</summary>
    public int? FatalExitCode { get; internal set; }

    /// <summary>
    /// The process exit code: <see cref="FatalExitCode"/> if set, <see cref="ExitCodes.Cancelled"/> when shutdown abandoned a
    /// run, else <see cref="ExitCodes.Ok"/> (runs that failed on their own are logged; the worker goes on).
    /// </summary>
    public int ExitCode => FatalExitCode ?? (AbandonedRun || RunInProgress ? ExitCodes.Cancelled : ExitCodes.Ok);

    internal void Completed(string runId)
    {
        Interlocked.Increment(ref _completedRuns);
        RunCompleted?.Invoke(this, runId);
    }

    internal void Failed() => Interlocked.Increment(ref _failedRuns);
}
