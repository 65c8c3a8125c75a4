namespace MeioForecast.Storage.Runs;

/// <summary>The content of <c>latest.json</c>: the newest complete run.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Manifest">Path of its manifest, relative to the output root.</param>
/// <param name="CreatedUtc">Its creation time (when it started planning).</param>
public sealed record LatestPointer(string RunId, string Manifest, DateTimeOffset CreatedUtc)
{
    /// <summary>
    /// When it was published (its manifest written); latest.json moves only forward in this order, so of two runs
    /// planned at once the one that completed last is latest. Null in pointers written before it was recorded.
    /// </summary>
    public DateTimeOffset? CompletedUtc { get; init; }
}
