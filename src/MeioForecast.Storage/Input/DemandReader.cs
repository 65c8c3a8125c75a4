using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;

namespace MeioForecast.Storage.Input;

/// <summary>
/// Reads demand.csv into one series per sku-node. Every series runs from its first row to the last date of the whole
/// file (the forecast origin); a period without a row is zero demand. The file is streamed: each kept row goes straight
/// into its series' dense array (8 bytes a period), so memory is the series themselves, not the rows. With a sku filter
/// (a shard), rows of other skus are only dated (the forecast origin stays the whole file's) and otherwise skipped.
/// Dates must be plausible: the distinct dates of the file may not jump by more than
/// <see cref="InputLimits.MaxDemandGapDays"/> (a row dated 2206 among 2024-2026 history would move the forecast origin
/// 180 years ahead), and the history must span at least <see cref="InputLimits.MinHistoryPeriods"/> periods.
/// </summary>
internal static class DemandReader
{
    public static List<DemandSeries> Read(string folder, PeriodKind period, KnownKeys<SkuNode> nodes, KnownKeys<string> skus, InputErrors errors, Func<string, bool>? keepSku = null)
    {
        var table = InputTable.Read(folder, InputFiles.Demand, required: true, ["sku", "location", "date", "quantity"], errors);
        if (table is null)
        {
            return [];
        }

        var series = new Dictionary<SkuNode, SeriesBuilder>();
        var kept = new Dictionary<string, bool>(StringComparer.Ordinal);
        DateOnly? anchor = null;
        int? last = null;
        var dates = new Dictionary<int, int>();
        foreach (var row in table.Records)
        {
            var skuText = table.Text(row, "sku");
            if (keepSku is not null && skuText.Length > 0 && skus.Contains(skuText) && !Kept(kept, keepSku, skuText))
            {
                // Another shard's row: only its date counts (the common forecast origin); that shard validates the rest.
                if (table.Date(row, "date") is { } other && (anchor is null || Aligned(period, anchor.Value, other)))
                {
                    anchor ??= other;
                    last = Math.Max(last ?? int.MinValue, Index(period, anchor.Value, other));
                    dates.TryAdd(other.DayNumber, row.Line);
                }

                continue;
            }

            var sku = table.Required(row, "sku");
            var location = table.Required(row, "location");
            var date = table.Date(row, "date");
            var quantity = table.Number(row, "quantity", 0, InputLimits.MaxQuantity);
            if (sku is null || location is null)
            {
                continue;
            }

            var key = new SkuNode(sku, location);
            if (!nodes.Contains(key))
            {
                if (nodes.IsUnknown(key))
                {
                    var column = skus.Contains(sku) ? "location" : "sku";
                    errors.Add(table.FileName, row.Line, column, InputRule.UnknownReference, $"sku-node {InputTable.Shorten(sku)} at {InputTable.Shorten(location)} is not in {InputFiles.SkuNodes}");
                }

                continue;
            }

            if (date is not { } d || quantity is not { } q)
            {
                continue;
            }

            anchor ??= d;
            if (!Aligned(period, anchor.Value, d))
            {
                errors.Add(table.FileName, row.Line, "date", InputRule.MisalignedDate,
                    $"weekly dates must all fall on the same weekday ({anchor.Value.DayOfWeek}, as the first row); {d:yyyy-MM-dd} is a {d.DayOfWeek}");
                continue;
            }

            if (!series.TryGetValue(key, out var builder))
            {
                series[key] = builder = new SeriesBuilder();
            }

            var index = Index(period, anchor.Value, d);
            last = Math.Max(last ?? int.MinValue, index);
            dates.TryAdd(d.DayNumber, row.Line);
            if (!builder.TrySet(index, q))
            {
                errors.Add(table.FileName, row.Line, "date", InputRule.DuplicateKey, $"demand of {sku} at {location} on {d:yyyy-MM-dd} is given twice");
            }
        }

        if (!table.Complete || !CheckDates(dates, period, table.FileName, errors) || series.Count == 0 || anchor is null || last is null)
        {
            return [];
        }

        var result = new List<DemandSeries>(series.Count);
        foreach (var key in series.Keys.Order().ToArray())
        {
            var builder = series[key];
            series.Remove(key);
            result.Add(new DemandSeries(key, period, period.Add(anchor.Value, builder.First), builder.ToArray(last.Value)));
        }

        return result;
    }

    /// <summary>
    /// The implausible-date rule: split the distinct dates at gaps longer than <see cref="InputLimits.MaxDemandGapDays"/>;
    /// the run of dates with the most distinct dates is the history and every date outside it is reported (at its first
    /// row). Then the history must span <see cref="InputLimits.MinHistoryPeriods"/> periods. True when the dates pass.
    /// </summary>
    private static bool CheckDates(Dictionary<int, int> dates, PeriodKind period, string file, InputErrors errors)
    {
        if (dates.Count == 0)
        {
            return true;
        }

        var days = dates.Keys.Order().ToArray();
        var runs = new List<(int Start, int End)>();
        var start = 0;
        for (var i = 1; i <= days.Length; i++)
        {
            if (i == days.Length || days[i] - days[i - 1] > InputLimits.MaxDemandGapDays)
            {
                runs.Add((start, i));
                start = i;
            }
        }

        var history = runs.MaxBy(r => r.End - r.Start);
        var plausible = true;
        foreach (var (from, to) in runs.Where(r => r != history))
        {
            for (var i = from; i < to; i++)
            {
                var date = DateOnly.FromDayNumber(days[i]);
                errors.Add(file, dates[days[i]], "date", InputRule.ImplausibleDate,
                    $"{date:yyyy-MM-dd} lies more than {InputLimits.MaxDemandGapDays} days from the rest of the history "
                    + $"({DateOnly.FromDayNumber(days[history.Start]):yyyy-MM-dd}..{DateOnly.FromDayNumber(days[history.End - 1]):yyyy-MM-dd}): a typo in the year?");
                plausible = false;
            }
        }

        var span = (days[history.End - 1] - days[history.Start]) / period.Days() + 1;
        if (plausible && span < InputLimits.MinHistoryPeriods)
        {
            errors.Add(file, dates[days[history.End - 1]], "date", InputRule.InsufficientHistory,
                $"the demand history covers {span} period(s) ({DateOnly.FromDayNumber(days[history.Start]):yyyy-MM-dd}); at least {InputLimits.MinHistoryPeriods} are needed to forecast");
            plausible = false;
        }

        return plausible;
    }

    private static bool Kept(Dictionary<string, bool> cache, Func<string, bool> keepSku, string sku)
    {
        if (!cache.TryGetValue(sku, out var keep))
        {
            cache[sku] = keep = keepSku(sku);
        }

        return keep;
    }

    private static bool Aligned(PeriodKind period, DateOnly anchor, DateOnly date) => (date.DayNumber - anchor.DayNumber) % period.Days() == 0;

    private static int Index(PeriodKind period, DateOnly anchor, DateOnly date) => (date.DayNumber - anchor.DayNumber) / period.Days();

    /// <summary>A dense, growable series indexed by period number; NaN marks a period without a row.</summary>
    private sealed class SeriesBuilder
    {
        private double[] _values = [];
        private int _offset;

        /// <summary>The earliest period with a row.</summary>
        public int First { get; private set; } = int.MaxValue;

        public bool TrySet(int index, double value)
        {
            if (_values.Length == 0)
            {
                _values = new double[16];
                Array.Fill(_values, double.NaN);
                _offset = index;
            }
            else if (index < _offset || index >= _offset + _values.Length)
            {
                var low = Math.Min(_offset, index);
                var high = Math.Max(_offset + _values.Length, index + 1);
                var size = Math.Max(high - low, 2 * _values.Length);
                var low2 = index < _offset ? high - size : low;
                var grown = new double[size];
                Array.Fill(grown, double.NaN);
                Array.Copy(_values, 0, grown, _offset - low2, _values.Length);
                (_values, _offset) = (grown, low2);
            }

            ref var slot = ref _values[index - _offset];
            if (!double.IsNaN(slot))
            {
                return false;
            }

            slot = value;
            First = Math.Min(First, index);
            return true;
        }

        /// <summary>Periods First..<paramref name="last"/>, zero where no row was given.</summary>
        public double[] ToArray(int last)
        {
            var result = new double[last - First + 1];
            for (var i = First; i <= last && i - _offset < _values.Length; i++)
            {
                var v = _values[i - _offset];
                result[i - First] = double.IsNaN(v) ? 0.0 : v;
            }

            return result;
        }
    }
}
