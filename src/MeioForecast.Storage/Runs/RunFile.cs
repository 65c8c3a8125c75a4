namespace MeioForecast.Storage.Runs;

/// <summary>One output file of a run, ready to publish.</summary>
/// <param name="Name">File name relative to the run folder, e.g. <c>targets.csv</c>.</param>
/// <param name="Content">The bytes.</param>
/// <param name="Rows">Data rows (CSV rows without the header), or null for non-tabular files.</param>
public sealed record RunFile(string Name, ReadOnlyMemory<byte> Content, long? Rows);
