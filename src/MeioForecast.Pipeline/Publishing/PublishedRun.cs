namespace MeioForecast.Pipeline.Publishing;

/// <summary>A run (or shard) that is complete in its output.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Files">How many files its manifest lists.</param>
public sealed record PublishedRun(string RunId, int Files)
{
    /// <summary>The figures of the run just planned; null when the run was complete already and only verified.</summary>
    public RunFigures? Figures { get; init; }
}
