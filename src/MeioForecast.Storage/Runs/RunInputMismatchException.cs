namespace MeioForecast.Storage.Runs;

/// <summary>
/// A run id already complete (or published) with another input: re-running it would return a plan of different data.
/// The message names both input fingerprints; the caller chooses a new run id (exit code 6).
/// </summary>
public sealed class RunInputMismatchException : Exception
{
    /// <summary>Creates the error for run <paramref name="runId"/>.</summary>
    public RunInputMismatchException(string runId, string store, string recorded, string given)
        : base($"Run '{runId}' in {store} is complete with input fingerprint {recorded}, but this input's fingerprint is {given}: "
               + "a run id names one input. Nothing was written; choose another run id (or omit --run-id).")
    {
        RunId = runId;
        Recorded = recorded;
        Given = given;
    }

    /// <summary>Creates the error.</summary>
    public RunInputMismatchException() : this("The run id was completed with another input.")
    {
    }

    /// <summary>Creates the error.</summary>
    public RunInputMismatchException(string message) : base(message) => (RunId, Recorded, Given) = ("", "", "");

    /// <summary>Creates the error.</summary>
    public RunInputMismatchException(string message, Exception innerException) : base(message, innerException) => (RunId, Recorded, Given) = ("", "", "");

    /// <summary>The run id.</summary>
    public string RunId { get; }

    /// <summary>The input fingerprint recorded in the run's manifest.</summary>
    public string Recorded { get; }

    /// <summary>The fingerprint of the input given now.</summary>
    public string Given { get; }
}
