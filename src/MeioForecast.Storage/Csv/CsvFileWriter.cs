using System.Text;

namespace MeioForecast.Storage.Csv;

/// <summary>
/// Writes a CSV table straight to a file, row by row (the same bytes as <see cref="CsvTableWriter"/>: UTF-8 without
/// BOM, LF line ends, <see cref="CsvParser.Escape"/>), for tables too large to hold in memory.
/// </summary>
public sealed class CsvFileWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly int _columns;

    /// <summary>Creates (or overwrites) <paramref name="path"/> and writes the header <paramref name="columns"/>.</summary>
    public CsvFileWriter(string path, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.Count;
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        Write(columns);
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

        Write(fields);
        Rows++;
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose() => _writer.Dispose();

    private void Write(IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            _writer.Write(CsvParser.Escape(CsvCell.Neutralize(fields[i])));
        }

        _writer.Write('\n');
    }
}
