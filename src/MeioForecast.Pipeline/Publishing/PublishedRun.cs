namespace MeioForecast.Pipeline.Publishing;

/// <summary>A run (or shard) that is complete in its output.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Files">How many files its manifest lists.</param>
public sealed record PublishedRun(string RunId, int Files);
