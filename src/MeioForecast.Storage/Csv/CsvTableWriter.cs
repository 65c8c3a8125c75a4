using System.Globalization;
using System.Text;

namespace MeioForecast.Storage.Csv;

/// <summary>Writes a CSV table as UTF-8 (no BOM), LF line ends, invariant culture; counts data rows.</summary>
public sealed class CsvTableWriter
{
    private readonly StringBuilder _text = new();
    private readonly int _columns;

    /// <summary>Starts a table with the header <paramref name="columns"/>.</summary>
    public CsvTableWriter(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.Count;
        _text.Append(string.Join(',', columns.Select(CsvParser.Escape))).Append('\n');
    }

    /// <summary>Data rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Appends one row; the field count must match the header.</summary>
    public void AddRow(params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Length != _columns)
        {
            throw new ArgumentException($"A row needs {_columns} fields, got {fields.Length}.", nameof(fields));
        }

        _text.Append(string.Join(',', fields.Select(CsvParser.Escape))).Append('\n');
        Rows++;
    }

    /// <summary>The table as UTF-8 bytes.</summary>
    public byte[] ToBytes()
    {
        // Encoded chunk by chunk: no intermediate string the size of the table (forecasts.csv of 100k sku-nodes is ~120 MB).
        var encoder = new UTF8Encoding(false).GetEncoder();
        var count = 0;
        foreach (var chunk in _text.GetChunks())
        {
            count += encoder.GetByteCount(chunk.Span, flush: false);
        }

        count += encoder.GetByteCount(ReadOnlySpan<char>.Empty, flush: true);
        encoder.Reset();
        var bytes = new byte[count];
        var at = 0;
        foreach (var chunk in _text.GetChunks())
        {
            at += encoder.GetBytes(chunk.Span, bytes.AsSpan(at), flush: false);
        }

        at += encoder.GetBytes(ReadOnlySpan<char>.Empty, bytes.AsSpan(at), flush: true);
        return at == count ? bytes : throw new InvalidOperationException("UTF-8 byte count changed while encoding.");
    }

    /// <summary>A number for output files: rounded to <paramref name="decimals"/> places, shortest invariant form, no "-0".</summary>
    public static string Number(double value, int decimals = 4)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0.0 : rounded).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A date as yyyy-MM-dd.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
