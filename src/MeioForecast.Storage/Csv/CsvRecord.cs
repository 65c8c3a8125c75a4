namespace MeioForecast.Storage.Csv;

/// <summary>One record of a CSV file with the physical line it starts on (the header is line 1).</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Fields">The fields, unquoted.</param>
public sealed record CsvRecord(int Line, string[] Fields);
