using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace MeioForecast.Storage.Csv;

/// <summary>
/// Reads RFC 4180 records with CsvHelper 34 (a SIMD reader over UTF-8 bytes) under the input contract of
/// docs/input-format.md: every problem is a <see cref="CsvFormatException"/> naming its 1-based line; a quoted field left
/// open is named as an unterminated quote at the line it opens on; memory is bounded (a record that is not complete
/// within <see cref="CsvParser.MaxRecordBytes"/> stops the read, so a 2 GB file without a closing quote costs a few MiB
/// of buffer); fields over <see cref="CsvParser.MaxFieldLength"/> characters and records over
/// <see cref="CsvParser.MaxFields"/> fields are refused; byte input must be UTF-8 (an invalid sequence, or a UTF-16/32
/// byte order mark, is a <see cref="CsvEncodingException"/> with its line and byte offset; a UTF-8 BOM is skipped).
/// Quoting is CsvHelper's recovery mode, which reads as our parser did: a stray quote inside an unquoted field is text,
/// text after a closing quote is appended, quoted fields may span lines, blank lines are skipped. CR, LF and CRLF each
/// end a line. Read and Record are compiled optimized at once (they run per record of files read once per process).
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private readonly CsvReader _reader;
    private readonly Stream? _seekable;
    private readonly bool _checkUtf8;
    private bool _malformed;

    private CsvRecordReader(Func<CsvReaderOptions, CsvReader> create, Stream? seekable, bool checkUtf8)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MaxRecordSize = CsvParser.MaxRecordBytes,
            // CsvHelper reports a record once, with its first quoting problem (a stray quote may hide an unterminated
            // one): every malformed record is checked for an open quote below.
            OnMalformedRecord = _ => _malformed = true,
        };
        _reader = create(options);
        _seekable = seekable;
        _checkUtf8 = checkUtf8;
    }

    /// <summary>The 1-based line the current record starts on.</summary>
    public int Line => (int)_reader.LineNumber;

    /// <summary>Fields of the current record.</summary>
    public int FieldCount => _reader.FieldCount;

    /// <summary>Reads the file at <paramref name="path"/> as strict UTF-8.</summary>
    public static CsvRecordReader Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return FromStream(file, leaveOpen: false);
    }

    /// <summary>Reads UTF-8 bytes from <paramref name="utf8"/> (strict: see the class remarks).</summary>
    public static CsvRecordReader FromStream(Stream utf8, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        if (utf8.CanSeek)
        {
            // CsvHelper would transcode UTF-16/32 after their byte order mark; the contract takes UTF-8 only.
            Span<byte> head = stackalloc byte[4];
            var start = utf8.Position;
            var n = utf8.ReadAtLeast(head, 4, throwOnEndOfStream: false);
            utf8.Position = start;
            if (n >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))
                || (n == 4 && head[0] == 0 && head[1] == 0 && head[2] == 0xFE && head[3] == 0xFF))
            {
                if (!leaveOpen)
                {
                    utf8.Dispose();
                }

                throw new CsvEncodingException(1, 0);
            }
        }

        return new CsvRecordReader(o => CsvReader.Create(utf8, o, leaveOpen), utf8.CanSeek ? utf8 : null, checkUtf8: true);
    }

    /// <summary>Reads text already decoded by <paramref name="text"/> (its decoder decides what is valid).</summary>
    public static CsvRecordReader FromText(TextReader text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new CsvRecordReader(o => CsvReader.Create(text, o, leaveOpen: true), null, checkUtf8: false);
    }

    /// <summary>Moves to the next record; false at the end. Throws <see cref="CsvFormatException"/> as the class says.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        _malformed = false;
        bool read;
        try
        {
            read = _reader.Read();
        }
        catch (CsvHelper.CsvFormatException ex)
        {
            throw TooLong(ex);
        }

        if (!read)
        {
            return false;
        }

        var raw = _reader.RawRecord;
        if (_malformed && UnclosedQuote(raw) is var open && open < raw.Length)
        {
            var opened = Line + LineBreaks(raw[..open]);
            throw new CsvFormatException(opened, $"unterminated quote: the quoted field opened on line {opened} is never closed");
        }

        if (_checkUtf8 && !Utf8.IsValid(raw))
        {
            var at = FirstInvalid(raw);
            throw new CsvEncodingException(Line + LineBreaks(raw[..at]), _reader.ByteOffset + at);
        }

        if (FieldCount > CsvParser.MaxFields)
        {
            throw new CsvFormatException(Line, $"more than {CsvParser.MaxFields} fields in one record");
        }

        if (raw.Length > CsvParser.MaxFieldLength)
        {
            for (var i = 0; i < FieldCount; i++)
            {
                var field = _reader.GetSpan(i);
                if (field.Length > CsvParser.MaxFieldLength && Encoding.UTF8.GetCharCount(field) > CsvParser.MaxFieldLength)
                {
                    throw new CsvFormatException(Line, $"a field is longer than {CsvParser.MaxFieldLength} characters");
                }
            }
        }

        return true;
    }

    /// <summary>Field <paramref name="index"/> of the current record, unquoted.</summary>
    public string GetString(int index) => _reader.GetString(index);

    /// <summary>Field <paramref name="index"/> as UTF-8 bytes, unquoted; valid until the next read.</summary>
    public ReadOnlySpan<byte> GetSpan(int index) => _reader.GetSpan(index);

    /// <summary>Parses field <paramref name="index"/> as a double (exactly rounded, invariant culture).</summary>
    public bool TryParse(int index, out double value) => _reader.TryParse(index, out value);

    /// <summary>The current record as a <see cref="CsvRecord"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CsvRecord Record()
    {
        var fields = new string[FieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = _reader.GetString(i);
        }

        return new CsvRecord(Line, fields);
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>
    /// A record that outgrew <see cref="CsvParser.MaxRecordBytes"/>: when the input can be re-read, an open quote over the
    /// window is named as an unterminated quote at its line; otherwise the record is named as too long.
    /// </summary>
    private CsvFormatException TooLong(CsvHelper.CsvFormatException ex)
    {
        var line = (int)ex.LineNumber;
        if (ex.Message.Contains("MaxRecordSize", StringComparison.Ordinal) && _seekable is not null)
        {
            var window = new byte[CsvParser.MaxRecordBytes];
            _seekable.Position = ex.ByteOffset;
            var n = _seekable.ReadAtLeast(window, window.Length, throwOnEndOfStream: false);
            var text = window.AsSpan(0, n);
            var open = UnclosedQuote(text);
            if (open < text.Length)
            {
                var opened = line + LineBreaks(text[..open]);
                return new CsvFormatException(opened,
                    $"unterminated quote: the quoted field opened on line {opened} runs past {CsvParser.MaxRecordBytes} bytes without a closing quote");
            }
        }

        return ex.Message.Contains("MaxRecordSize", StringComparison.Ordinal)
            ? new CsvFormatException(line, $"a record is longer than {CsvParser.MaxRecordBytes} bytes")
            : new CsvFormatException(line, ex.Message);
    }

    /// <summary>
    /// Where the quote opens that is still open at the end of <paramref name="raw"/> (RFC 4180 as CsvHelper recovers it:
    /// a quote opens a field only as its first character; "" inside quotes is a quote); raw.Length when none is open.
    /// </summary>
    private static int UnclosedQuote(ReadOnlySpan<byte> raw)
    {
        var fieldStart = true;
        var i = 0;
        while (i < raw.Length)
        {
            var b = raw[i];
            if (fieldStart && b == (byte)'"')
            {
                var open = i++;
                while (true)
                {
                    var next = raw[i..].IndexOf((byte)'"');
                    if (next < 0)
                    {
                        return open;
                    }

                    i += next + 1;
                    if (i < raw.Length && raw[i] == (byte)'"')
                    {
                        i++;
                        continue;
                    }

                    break;
                }

                fieldStart = false;
                continue;
            }

            fieldStart = b is (byte)',' or (byte)'\n' or (byte)'\r';
            i++;
        }

        return raw.Length;
    }

    /// <summary>Line breaks in <paramref name="text"/>, counted as CsvHelper counts lines: CR, LF and CRLF each once.</summary>
    private static int LineBreaks(ReadOnlySpan<byte> text)
    {
        var lines = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == (byte)'\n' || (text[i] == (byte)'\r' && (i + 1 == text.Length || text[i + 1] != (byte)'\n')))
            {
                lines++;
            }
        }

        return lines;
    }

    /// <summary>Index of the first invalid UTF-8 sequence in <paramref name="raw"/>.</summary>
    private static int FirstInvalid(ReadOnlySpan<byte> raw)
    {
        var i = 0;
        while (i < raw.Length && System.Text.Rune.DecodeFromUtf8(raw[i..], out _, out var consumed) == OperationStatus.Done)
        {
            i += consumed;
        }

        return i;
    }
}
