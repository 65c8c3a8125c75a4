namespace MeioForecast.Storage.Csv;

/// <summary>
/// The bytes are not UTF-8 (an invalid sequence, or a UTF-16/32 byte order mark): <see cref="CsvFormatException.Line"/>
/// is the line of the first bad byte and <see cref="ByteOffset"/> its offset from the start of the file.
/// </summary>
public sealed class CsvEncodingException : CsvFormatException
{
    /// <summary>Creates the error at <paramref name="line"/>, byte <paramref name="byteOffset"/>.</summary>
    public CsvEncodingException(int line, long byteOffset)
        : base(line, $"invalid UTF-8 at byte {byteOffset}") => ByteOffset = byteOffset;

    /// <summary>Offset of the first invalid byte, from the start of the file (a byte order mark included).</summary>
    public long ByteOffset { get; }
}
