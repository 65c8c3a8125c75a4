namespace MeioForecast.Worker;

/// <summary>Process exit codes of <c>meio</c> (documented in README.md).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure (a bug): see the log.</summary>
    public const int Failure = 1;

    /// <summary>The input breaks the input contract; the errors name file, line and field.</summary>
    public const int BadInput = 2;

    /// <summary>The output store could not be read or written; nothing was published.</summary>
    public const int StorageFailure = 3;

    /// <summary>Cancelled (Ctrl+C or SIGTERM) before the run was published; nothing was published.</summary>
    public const int Cancelled = 4;

    /// <summary>Another worker holds the lock of the same run (it is writing it now); nothing was written.</summary>
    public const int RunLocked = 5;

    /// <summary>The configuration or command-line options are invalid (the message names the setting).</summary>
    public const int BadConfiguration = 6;
}
