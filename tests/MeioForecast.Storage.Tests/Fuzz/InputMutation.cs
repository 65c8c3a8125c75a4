using System.Globalization;
using System.Text;

namespace MeioForecast.Storage.Tests.Fuzz;

/// <summary>
/// The corruptions of issue 24, applied to a copy of an input folder: each kind is one thing a user does to a file
/// (a header left without rows, a year typo, Latin-1 bytes, an open quote, 1e200 units, a lead time of 1e9, ...), plus
/// random byte and field edits. <see cref="Apply"/> is deterministic in (kind, seed).
/// </summary>
internal static class InputMutation
{
    private static readonly string[] Files = ["settings.csv", "locations.csv", "lanes.csv", "sku_nodes.csv", "demand.csv", "signals.csv"];

    private static readonly string[] BadNumbers =
        ["1e200", "1e308", "-1", "NaN", "Infinity", "-Infinity", "0", "1e9", "1e12", "", "abc", "1,5", "1e-320", "-0", "4294967296", "0x10"];

    /// <summary>The kinds, by name (the test reports the name with the seed).</summary>
    public static readonly string[] Kinds =
    [
        "header-only", "delete-file", "bad-number", "huge-lead-time", "bad-distribution", "date-typo", "duplicate-header",
        "latin1-bytes", "unterminated-quote", "single-period", "random-bytes", "random-field", "truncate", "long-field",
        "formula-id", "bad-node-values", "swap-columns", "blank-lines-and-bom", "huge-quantity",
    ];

    /// <summary>Whether the kind can remove a file or a whole-file item (a missing file is named at line 0).</summary>
    public static bool MayRemoveWholeFile(string kind) => kind is "delete-file" or "truncate" or "random-bytes" or "random-field";

    public static void Apply(string folder, int kind, int seed)
    {
        var random = new Random(seed);
        var file = Files[random.Next(Files.Length)];
        var path = Path.Combine(folder, file);
        switch (Kinds[kind])
        {
            case "header-only":
                EditLines(path, lines => lines.Take(1).ToList());
                break;
            case "delete-file":
                File.Delete(path);
                break;
            case "bad-number":
                EditField(Path.Combine(folder, Files[random.Next(1, Files.Length)]), random, (header, _) => header is "quantity" or "value" or "unit_cost" or "holding_cost_rate" or "service_level"
                    or "lead_time_mean" or "lead_time_sd" or "quantity_per_unit" or "max_service_time" or "processing_time" or "echelon",
                    _ => BadNumbers[random.Next(BadNumbers.Length)]);
                break;
            case "huge-lead-time":
                EditField(Path.Combine(folder, random.Next(2) == 0 ? "lanes.csv" : "sku_nodes.csv"), random,
                    (header, _) => header is "lead_time_mean" or "processing_time" or "lead_time_sd" or "max_service_time",
                    _ => random.Next(3) switch { 0 => "1e9", 1 => "1001", _ => "999.5" });
                break;
            case "bad-distribution":
                EditField(Path.Combine(folder, "lanes.csv"), random, (header, _) => header == "lead_time_distribution",
                    _ => new[] { "NaN:1", "Infinity:1", "5:0.5", "5:NaN", "-1:1", "3:0.5;40:0.5", "1e300:1", "2:0.5;2:0.5", "x", "12:0.3;14:0.4;17:0.3" }[random.Next(10)]);
                break;
            case "date-typo":
                EditField(Path.Combine(folder, random.Next(3) == 0 ? "signals.csv" : "demand.csv"), random, (header, _) => header == "date",
                    text => random.Next(4) switch
                    {
                        0 => "2206" + text[4..],
                        1 => "1826" + text[4..],
                        2 => text.Replace('-', '/'),
                        _ => "9999-12-31",
                    });
                break;
            case "duplicate-header":
                EditLines(path, lines =>
                {
                    if (lines.Count == 0)
                    {
                        return lines;
                    }

                    var first = lines[0].Split(',');
                    lines[0] = string.Join(',', first.Append(first[random.Next(first.Length)]));
                    for (var i = 1; i < lines.Count; i++)
                    {
                        lines[i] += ",1";
                    }

                    return lines;
                });
                break;
            case "latin1-bytes":
                EditBytes(path, bytes =>
                {
                    var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
                    bytes.InsertRange(at, [(byte)'M', 0xFC, (byte)'n']);
                });
                break;
            case "unterminated-quote":
                EditLines(path, lines =>
                {
                    if (lines.Count > 1)
                    {
                        var i = random.Next(1, lines.Count);
                        var comma = lines[i].IndexOf(',', StringComparison.Ordinal);
                        lines[i] = comma < 0 ? "\"" + lines[i] : lines[i][..(comma + 1)] + "\"" + lines[i][(comma + 1)..];
                    }

                    return lines;
                });
                break;
            case "single-period":
                EditLines(Path.Combine(folder, "demand.csv"), lines =>
                {
                    var last = lines.Skip(1).Select(l => l.Split(',')[2]).Max(StringComparer.Ordinal);
                    return lines.Take(1).Concat(lines.Skip(1).Where(l => l.Split(',')[2] == last)).ToList();
                });
                break;
            case "random-bytes":
                EditBytes(path, bytes =>
                {
                    for (var n = random.Next(1, 6); n > 0 && bytes.Count > 0; n--)
                    {
                        bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    }
                });
                break;
            case "random-field":
                EditField(path, random, (_, _) => true, _ => RandomText(random));
                break;
            case "truncate":
                EditBytes(path, bytes =>
                {
                    var cut = random.Next(bytes.Count + 1);
                    bytes.RemoveRange(cut, bytes.Count - cut);
                });
                break;
            case "long-field":
                EditField(path, random, (_, _) => true, _ => new string('7', 150_000));
                break;
            case "formula-id":
                EditField(path, random, (header, _) => header is "sku" or "location" or "from" or "to" or "signal",
                    text => new[] { "=", "+", "-", "@" }[random.Next(4)] + text);
                break;
            case "bad-node-values":
                EditField(Path.Combine(folder, random.Next(2) == 0 ? "sku_nodes.csv" : "lanes.csv"), random,
                    (header, _) => header is "quantity_per_unit" or "unit_cost" or "max_service_time" or "service_level",
                    _ => new[] { "0", "1e300", "1e308", "1e12", "1", "-0.5", "0.9999999" }[random.Next(7)]);
                break;
            case "swap-columns":
                EditLines(path, lines =>
                {
                    if (lines.Count > 1)
                    {
                        var i = random.Next(1, lines.Count);
                        var cells = lines[i].Split(',');
                        var (a, b) = (random.Next(cells.Length), random.Next(cells.Length));
                        (cells[a], cells[b]) = (cells[b], cells[a]);
                        lines[i] = string.Join(',', cells);
                    }

                    return lines;
                });
                break;
            case "huge-quantity":
                EditField(Path.Combine(folder, random.Next(3) == 0 ? "signals.csv" : "demand.csv"), random, (header, _) => header is "quantity" or "value",
                    _ => new[] { "1e200", "1e308", "1.7976931348623157e308", "1e10", "-1e10", "1e9" }[random.Next(6)]);
                break;
            case "blank-lines-and-bom":
                EditBytes(path, bytes =>
                {
                    bytes.InsertRange(0, [0xEF, 0xBB, 0xBF]);
                    bytes.AddRange("\r\n\r\n"u8.ToArray());
                });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown mutation");
        }
    }

    private static string RandomText(Random random)
    {
        const string alphabet = "aZ09.-+e,;:\"\n\r =@\t\u00e9\u20ac";
        var length = random.Next(0, 12);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }

    private static void EditLines(string path, Func<List<string>, List<string>> edit)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var lines = File.ReadAllText(path).Split('\n').Where(l => l.Length > 0).ToList();
        File.WriteAllText(path, string.Join('\n', edit(lines)) + "\n");
    }

    private static void EditBytes(string path, Action<List<byte>> edit)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var bytes = File.ReadAllBytes(path).ToList();
        edit(bytes);
        File.WriteAllBytes(path, bytes.ToArray());
    }

    /// <summary>Replaces one data cell in a column chosen by <paramref name="column"/> (the sample files have no quoted cells).</summary>
    private static void EditField(string path, Random random, Func<string, int, bool> column, Func<string, string> value)
    {
        EditLines(path, lines =>
        {
            if (lines.Count < 2)
            {
                return lines;
            }

            var header = lines[0].Split(',');
            var candidates = Enumerable.Range(0, header.Length).Where(i => column(header[i], i)).ToList();
            if (candidates.Count == 0)
            {
                return lines;
            }

            var row = random.Next(1, lines.Count);
            var cells = lines[row].Split(',');
            var c = candidates[random.Next(candidates.Count)];
            if (c < cells.Length)
            {
                var replacement = value(cells[c]);
                cells[c] = replacement.AsSpan().IndexOfAny(",\"\n\r") >= 0 && random.Next(2) == 0
                    ? "\"" + replacement.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                    : replacement;
                lines[row] = string.Join(',', cells);
            }

            return lines;
        });
    }

    /// <summary>Formats for messages.</summary>
    public static string Describe(int kind, int seed) => string.Create(CultureInfo.InvariantCulture, $"{Kinds[kind]} (seed {seed})");
}
