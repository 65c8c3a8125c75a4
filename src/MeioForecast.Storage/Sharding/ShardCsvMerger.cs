using System.Text;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Sharding;

/// <summary>
/// Merges one per-sku CSV file of every shard into the file a single-process run writes. Rule: every run file whose
/// first column is <c>sku</c> is written sorted by sku (ordinal) first, and all rows of a sku come from the one shard
/// that owns it, in the single run's order (targets: then location; forecasts: then location and date). So the merge
/// copies each sku's block of rows, unchanged byte for byte, in ordinal sku order: an N-way merge in
/// O(rows + skus log N). Files that are not per-sku, shards that are unsorted, and a sku found in two shards are refused.
/// </summary>
public static class ShardCsvMerger
{
    /// <summary>Merges <paramref name="parts"/> (the file <paramref name="name"/> of shard 0, 1, ...) into one file.</summary>
    public static RunFile Merge(string name, IReadOnlyList<ReadOnlyMemory<byte>> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("No shard to merge.", nameof(parts));
        }

        // A shard without rows may write a shorter header (forecasts.csv of a shard with no demand history has no
        // quantile columns, as a single run without any would): the header comes from the first shard with rows.
        var headers = parts.Select((part, p) => Header(name, p, part.Span)).ToArray();
        var withRows = Enumerable.Range(0, parts.Count).Where(p => parts[p].Length > headers[p].Length).ToArray();
        var header = headers[withRows.Length > 0 ? withRows[0] : 0];
        var blocks = new List<Block>[parts.Count];
        var total = header.Length;
        for (var p = 0; p < parts.Count; p++)
        {
            var span = parts[p].Span;
            if (!withRows.Contains(p))
            {
                blocks[p] = [];
                continue;
            }

            if (!headers[p].AsSpan().SequenceEqual(header))
            {
                throw new InvalidDataException($"{name}: shard {p} has another header than shard {withRows[0]}.");
            }

            blocks[p] = Blocks(name, p, span, header.Length);
            total += span.Length - header.Length;
        }

        var output = new byte[total];
        header.CopyTo(output, 0);
        var at = header.Length;
        var rows = 0L;
        var next = new int[parts.Count];
        var queue = new PriorityQueue<int, string>(StringComparer.Ordinal);
        for (var p = 0; p < parts.Count; p++)
        {
            if (blocks[p].Count > 0)
            {
                queue.Enqueue(p, blocks[p][0].Sku);
            }
        }

        string? previous = null;
        while (queue.TryDequeue(out var p, out var sku))
        {
            if (previous is not null && string.CompareOrdinal(previous, sku) >= 0)
            {
                throw new InvalidDataException($"{name}: sku '{sku}' is in more than one shard; were the shards run with the same shard count?");
            }

            var block = blocks[p][next[p]];
            parts[p].Span.Slice(block.Start, block.Length).CopyTo(output.AsSpan(at));
            at += block.Length;
            rows += block.Rows;
            previous = sku;
            if (++next[p] < blocks[p].Count)
            {
                queue.Enqueue(p, blocks[p][next[p]].Sku);
            }
        }

        return new RunFile(name, output, rows);
    }

    private static byte[] Header(string name, int part, ReadOnlySpan<byte> content)
    {
        var end = content.IndexOf((byte)'\n');
        if (end < 0 || !content.StartsWith("sku,"u8))
        {
            throw new InvalidDataException($"{name}: shard {part} does not start with a header whose first column is 'sku'; only per-sku CSV files can be merged.");
        }

        return content[..(end + 1)].ToArray();
    }

    /// <summary>Consecutive rows of one sku, as a byte range of the shard's file.</summary>
    private static List<Block> Blocks(string name, int part, ReadOnlySpan<byte> content, int start)
    {
        var blocks = new List<Block>();
        var at = start;
        while (at < content.Length)
        {
            var lineEnd = content[at..].IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                throw new InvalidDataException($"{name}: shard {part} ends without a line feed.");
            }

            var sku = FirstField(content.Slice(at, lineEnd));
            if (blocks.Count > 0 && blocks[^1].Sku == sku)
            {
                var last = blocks[^1];
                blocks[^1] = last with { Length = last.Length + lineEnd + 1, Rows = last.Rows + 1 };
            }
            else
            {
                if (blocks.Count > 0 && string.CompareOrdinal(blocks[^1].Sku, sku) >= 0)
                {
                    throw new InvalidDataException($"{name}: shard {part} is not sorted by sku ('{sku}' after '{blocks[^1].Sku}').");
                }

                blocks.Add(new Block(sku, at, lineEnd + 1, 1));
            }

            at += lineEnd + 1;
        }

        return blocks;
    }

    private static string FirstField(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[0] == (byte)'"')
        {
            using var reader = new StringReader(Encoding.UTF8.GetString(line));
            return CsvParser.Parse(reader).First().Fields[0];
        }

        var comma = line.IndexOf((byte)',');
        return Encoding.UTF8.GetString(comma < 0 ? line : line[..comma]);
    }

    private readonly record struct Block(string Sku, int Start, int Length, long Rows);
}
