namespace MeioForecast.Storage.Runs;

/// <summary>A file listed in a run manifest.</summary>
/// <param name="Path">Path relative to the run folder.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
/// <param name="Rows">Data rows, for CSV files.</param>
public sealed record ManifestEntry(string Path, long Size, string Sha256, long? Rows);
