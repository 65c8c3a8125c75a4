namespace MeioForecast.Storage.Runs;

/// <summary>The content of <c>latest.json</c>: the newest complete run.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Manifest">Path of its manifest, relative to the output root.</param>
/// <param name="CreatedUtc">Its creation time; a run never replaces a newer one.</param>
public sealed record LatestPointer(string RunId, string Manifest, DateTimeOffset CreatedUtc);
