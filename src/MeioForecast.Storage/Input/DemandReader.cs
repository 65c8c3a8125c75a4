using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;

namespace MeioForecast.Storage.Input;

/// <summary>
/// Reads demand.csv into one series per sku-node. Every series runs from its first row to the last date of the whole
/// file (the forecast origin); a period without a row is zero demand.
/// </summary>
internal static class DemandReader
{
    public static List<DemandSeries> Read(string folder, PeriodKind period, ISet<SkuNode> nodes, ISet<string> skus, InputErrors errors)
    {
        var table = InputTable.Read(folder, InputFiles.Demand, required: true, ["sku", "location", "date", "quantity"], errors);
        if (table is null)
        {
            return [];
        }

        var rows = new Dictionary<SkuNode, Dictionary<DateOnly, double>>();
        DateOnly? anchor = null;
        foreach (var row in table.Records)
        {
            var sku = table.Required(row, "sku");
            var location = table.Required(row, "location");
            var date = table.Date(row, "date");
            var quantity = table.Number(row, "quantity", nonNegative: true);
            if (sku is null || location is null)
            {
                continue;
            }

            var key = new SkuNode(sku, location);
            if (!nodes.Contains(key))
            {
                var column = skus.Contains(sku) ? "location" : "sku";
                errors.Add(table.FileName, row.Line, column, InputRule.UnknownReference, $"sku-node {sku} at {location} is not in {InputFiles.SkuNodes}");
                continue;
            }

            if (date is not { } d || quantity is not { } q)
            {
                continue;
            }

            anchor ??= d;
            if (period == PeriodKind.Week && (d.DayNumber - anchor.Value.DayNumber) % 7 != 0)
            {
                errors.Add(table.FileName, row.Line, "date", InputRule.MisalignedDate,
                    $"weekly dates must all fall on the same weekday ({anchor.Value.DayOfWeek}, as the first row); {d:yyyy-MM-dd} is a {d.DayOfWeek}");
                continue;
            }

            if (!rows.TryGetValue(key, out var byDate))
            {
                rows[key] = byDate = [];
            }

            if (!byDate.TryAdd(d, q))
            {
                errors.Add(table.FileName, row.Line, "date", InputRule.DuplicateKey, $"demand of {sku} at {location} on {d:yyyy-MM-dd} is given twice");
            }
        }

        if (rows.Count == 0)
        {
            return [];
        }

        var end = rows.Values.SelectMany(r => r.Keys).Max();
        var result = new List<DemandSeries>(rows.Count);
        foreach (var (key, byDate) in rows.OrderBy(r => r.Key))
        {
            var start = byDate.Keys.Min();
            var length = period.Between(start, end) + 1;
            var quantities = new double[length];
            foreach (var (date, q) in byDate)
            {
                quantities[period.Between(start, date)] = q;
            }

            result.Add(new DemandSeries(key, period, start, quantities));
        }

        return result;
    }
}
