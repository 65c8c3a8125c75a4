namespace MeioForecast.Storage.Csv;

/// <summary>
/// The text is not well-formed CSV, or exceeds a bound of <see cref="CsvParser"/> (field length, fields per record), or is
/// not valid UTF-8: <see cref="Line"/> names where (1-based), so input validation reports it as file:line.
/// </summary>
public class CsvFormatException : FormatException
{
    /// <summary>Creates the error at <paramref name="line"/>.</summary>
    public CsvFormatException(int line, string message)
        : base(message) => Line = line;

    /// <summary>Creates the error.</summary>
    public CsvFormatException()
    {
    }

    /// <summary>Creates the error.</summary>
    public CsvFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public CsvFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The 1-based line the problem is on (for an unterminated quote: the line the quoted field opens on).</summary>
    public int Line { get; }
}
