using System.Globalization;
using System.IO.Compression;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Input;

namespace MeioForecast.Datasets.Import;

/// <summary>
/// Reads the public retail data sets of the shared evaluation protocol into <see cref="ImportedInput"/>:
/// <c>walmart</c> (Kaggle 2014 store x department weekly sales: sku = D&lt;dept&gt;, location = S&lt;store&gt;; signals
/// holiday, temperature, fuel_price, markdown1..5 (NA = 0), cpi, unemployment per store) and <c>rossmann</c> (Kaggle 2015
/// daily store sales, 100-store subset: sku = ALL, location = R&lt;store&gt;; signals open, promo, state_holiday,
/// school_holiday per store; score on open days) and <c>oj</c> (Dominick's refrigerated orange juice, store x brand weekly:
/// sku = B&lt;brand&gt;, location = S&lt;store&gt;; known signals own_price, deal, feat, price1..price11 per sku-node, carried
/// forward over weeks without a record so that a planned price is known for every week; score observed weeks only).
/// Evaluation use only: competition and research data are never bundled.
/// </summary>
public static class PublicDataImporter
{
    /// <summary>Names accepted by <see cref="Read"/>.</summary>
    public static IReadOnlyList<string> DataSets { get; } = ["walmart", "rossmann", "oj"];

    /// <summary>Reads <paramref name="name"/> from <paramref name="sourceDir"/> (e.g. ../shared/data).</summary>
    public static ImportedInput Read(string name, string sourceDir) => name switch
    {
        "walmart" => Walmart(sourceDir),
        "rossmann" => Rossmann(sourceDir),
        "oj" => OrangeJuice(sourceDir),
        _ => throw new ArgumentException($"Unknown data set '{name}'; expected one of {string.Join(", ", DataSets)}.", nameof(name)),
    };

    private static ImportedInput Walmart(string dir)
    {
        // A store x department week without a row sold nothing: 73 of the 421,570 rows are 0 against 1,285 returns and 648
        // below $1, while 656 series miss 62 weeks on average, where sales are near zero. So the protocol scores the rows
        // there are (observed), but planning reads a missing week as zero demand: no availability signal is declared.
        var input = new ImportedInput { Name = "walmart", Period = "week", Horizon = 8, ScoreMask = "observed" };
        foreach (var r in Rows(Path.Combine(dir, "walmart", "train.csv.gz")))
        {
            input.AddDemand("D" + r("Dept"), "S" + r("Store"), Date(r("Date")), Number(r("Weekly_Sales")));
        }

        string[] numeric = ["Temperature", "Fuel_Price", "MarkDown1", "MarkDown2", "MarkDown3", "MarkDown4", "MarkDown5", "CPI", "Unemployment"];
        foreach (var r in Rows(Path.Combine(dir, "walmart", "features.csv.gz")))
        {
            var date = Date(r("Date"));
            var location = "S" + r("Store");
            input.Signals.Add(("holiday", date, "", location, r("IsHoliday") == "TRUE" ? 1 : 0));
            foreach (var c in numeric)
            {
                var v = Number(r(c));
                if (double.IsNaN(v) && c.StartsWith("MarkDown", StringComparison.Ordinal))
                {
                    v = 0; // no markdown recorded = none
                }

                if (!double.IsNaN(v))
                {
                    input.Signals.Add((c.ToLowerInvariant(), date, "", location, v));
                }
            }
        }

        return input;
    }

    private static ImportedInput Rossmann(string dir)
    {
        var input = new ImportedInput { Name = "rossmann", Period = "day", Horizon = 28, ScoreMask = "open", Availability = "open", Promotion = "promo" };
        foreach (var r in Rows(Path.Combine(dir, "rossmann100", "train.csv.gz")))
        {
            var location = "R" + r("Store").PadLeft(4, '0');
            var date = Date(r("Date"));
            input.AddDemand("ALL", location, date, Number(r("Sales")));
            input.Signals.Add(("open", date, "", location, Number(r("Open"))));
            input.Signals.Add(("promo", date, "", location, Number(r("Promo"))));
            input.Signals.Add(("state_holiday", date, "", location, r("StateHoliday") == "0" ? 0 : 1));
            input.Signals.Add(("school_holiday", date, "", location, Number(r("SchoolHoliday"))));
        }

        return input;
    }

    private static ImportedInput OrangeJuice(string dir)
    {
        // Every row sells 64 units or more: a week without a row is a gap in the records, not a week without sales.
        var input = new ImportedInput { Name = "oj", Period = "week", Horizon = 8, ScoreMask = "observed", Availability = "observed", Promotion = "deal" };
        string[] columns = ["own_price", "deal", "feat", .. Enumerable.Range(1, 11).Select(i => "price" + i.ToString(CultureInfo.InvariantCulture))];
        var signals = new Dictionary<(string Sku, string Location), SortedDictionary<DateOnly, double[]>>();
        foreach (var r in Rows(Path.Combine(dir, "dominicks-oj", "oj_weekly.csv.gz")))
        {
            var key = ("B" + r("brand"), "S" + r("store"));
            var date = Date(r("week_start"));
            input.AddDemand(key.Item1, key.Item2, date, Number(r("units")));
            if (!signals.TryGetValue(key, out var byDate))
            {
                signals[key] = byDate = [];
            }

            byDate[date] = columns.Select(c => Number(r(c))).ToArray();
        }

        var last = signals.Values.Max(d => d.Keys.Max());
        foreach (var ((sku, location), byDate) in signals)
        {
            var current = byDate.First().Value;
            for (var date = byDate.Keys.Min(); date <= last; date = date.AddDays(7))
            {
                current = byDate.TryGetValue(date, out var v) ? v : current;
                for (var c = 0; c < columns.Length; c++)
                {
                    if (!double.IsNaN(current[c]))
                    {
                        input.Signals.Add((columns[c], date, sku, location, current[c]));
                    }
                }
            }
        }

        return input;
    }

    /// <summary>Rows of a CSV (gzipped when the name ends in .gz) as field lookups by header name.</summary>
    /// <exception cref="InputValidationException">The file does not exist (bad input: --source names the wrong folder).</exception>
    private static IEnumerable<Func<string, string>> Rows(string path)
    {
        if (!File.Exists(path))
        {
            var full = Path.GetFullPath(path);
            var source = Path.GetDirectoryName(Path.GetDirectoryName(full));
            throw new InputValidationException([new InputError(
                Path.GetFileName(path), 0, "", InputRule.MissingFile,
                $"{full} does not exist: --source must be the folder holding {Path.GetFileName(Path.GetDirectoryName(full))}/ (it was {source}).")]);
        }

        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        Dictionary<string, int>? header = null;
        foreach (var record in CsvParser.Parse(reader))
        {
            if (header is null)
            {
                header = record.Fields.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
                continue;
            }

            var fields = record.Fields;
            var names = header;
            yield return column => names.TryGetValue(column, out var i)
                ? fields[i]
                : throw new InvalidDataException($"{Path.GetFileName(path)}: column '{column}' is missing.");
        }
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static double Number(string text) =>
        text is "NA" or "" ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
