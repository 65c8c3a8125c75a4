namespace MeioForecast.Storage.Sharding;

/// <summary>
/// <c>meio finalize</c> refused to publish: a shard is missing, incomplete, corrupt (a file does not match its
/// manifest) or inconsistent with the others. The message lists every problem; nothing was published.
/// </summary>
public sealed class ShardsIncompleteException : Exception
{
    /// <summary>Creates the error for run <paramref name="runId"/> with the problems found.</summary>
    public ShardsIncompleteException(string runId, IReadOnlyList<string> problems)
        : base($"Run '{runId}' cannot be finalized; nothing was published:\n  - " + string.Join("\n  - ", problems ?? []))
    {
        Problems = problems ?? [];
    }

    /// <summary>Creates the error.</summary>
    public ShardsIncompleteException() : base("The shards of the run are incomplete.") => Problems = [];

    /// <summary>Creates the error.</summary>
    public ShardsIncompleteException(string message) : base(message) => Problems = [message];

    /// <summary>Creates the error.</summary>
    public ShardsIncompleteException(string message, Exception innerException) : base(message, innerException) => Problems = [message];

    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
