namespace MeioForecast.Pipeline.Publishing;

/// <summary>
/// The run lock was lost while the run was in progress (its lease could not be renewed before it expired, e.g. storage
/// unreachable for a whole lease period): the run stopped, since another worker may now write it. A storage failure.
/// </summary>
public sealed class RunLockLostException : IOException
{
    /// <summary>Creates the error for run <paramref name="runId"/> in <paramref name="store"/>.</summary>
    public RunLockLostException(string runId, string store)
        : base($"Run '{runId}' stopped: its lock in {store} could not be renewed before it expired, so another worker may take it over. Run again to resume it.")
    {
    }

    /// <summary>Creates the error.</summary>
    public RunLockLostException() : base("The run lock was lost.")
    {
    }

    /// <summary>Creates the error.</summary>
    public RunLockLostException(string message) : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public RunLockLostException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
