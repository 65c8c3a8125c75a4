using System.Globalization;
using System.Text;

namespace MeioForecast.Storage.Csv;

/// <summary>
/// Writes a CSV table as UTF-8 (no BOM), LF line ends, invariant culture; counts data rows. Rows are encoded as they are
/// added into 1 MiB byte chunks (no string of the whole table, no doubling copies), so a table costs about its size once
/// while it is built and twice while <see cref="ToBytes"/> copies it out.
/// </summary>
public sealed class CsvTableWriter
{
    private const int ChunkSize = 1 << 20;
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly List<byte[]> _full = [];
    private readonly int _columns;
    private byte[] _chunk = new byte[4096];
    private int _used;
    private long _length;

    /// <summary>Starts a table with the header <paramref name="columns"/>.</summary>
    public CsvTableWriter(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.Count;
        Append(string.Join(',', columns.Select(CsvParser.Escape)));
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

        Append(string.Join(',', fields.Select(f => CsvParser.Escape(CsvCell.Neutralize(f)))));
        Rows++;
    }

    /// <summary>The table as UTF-8 bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[_length];
        var at = 0;
        foreach (var chunk in _full)
        {
            chunk.CopyTo(bytes, at);
            at += chunk.Length;
        }

        _chunk.AsSpan(0, _used).CopyTo(bytes.AsSpan(at));
        return bytes;
    }

    private void Append(string line)
    {
        var count = Utf8.GetByteCount(line) + 1;
        if (_used + count > _chunk.Length)
        {
            if (_chunk.Length < ChunkSize && _used + count <= ChunkSize)
            {
                // Small tables stay small: grow the first chunk up to the chunk size before starting a list.
                Array.Resize(ref _chunk, Math.Min(ChunkSize, Math.Max(2 * _chunk.Length, _used + count)));
            }
            else
            {
                _full.Add(_chunk[.._used]);
                _chunk = new byte[Math.Max(ChunkSize, count)];
                _used = 0;
            }
        }

        _used += Utf8.GetBytes(line, _chunk.AsSpan(_used));
        _chunk[_used++] = (byte)'\n';
        _length += count;
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
