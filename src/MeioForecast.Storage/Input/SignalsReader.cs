using MeioForecast.Core.Demand;

namespace MeioForecast.Storage.Input;

/// <summary>
/// Reads the optional signals.csv: date,signal,kind,value[,sku,location]; kind is 'known' or 'observed'. With a sku
/// filter (a shard), values scoped to another shard's sku are skipped after their signal's kind is recorded, so every
/// shard sees the same signal names and kinds.
/// </summary>
internal static class SignalsReader
{
    public static SignalTable Read(string folder, KnownKeys<string> skus, KnownKeys<string> locations, InputErrors errors, Func<string, bool>? keepSku = null)
    {
        var table = InputTable.Read(folder, InputFiles.Signals, required: false, ["date", "signal", "kind", "value"], errors);
        if (table is null)
        {
            return SignalTable.Empty;
        }

        var kinds = new Dictionary<string, SignalKind>(StringComparer.Ordinal);
        var values = new SignalTableBuilder();
        var kept = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var row in table.Records)
        {
            if (keepSku is not null && table.Text(row, "sku") is { Length: > 0 } scoped && skus.Contains(scoped) && !Kept(kept, keepSku, scoped))
            {
                // Another shard's sku: record the signal's kind only (that shard validates the row).
                if (table.Text(row, "signal") is { Length: > 0 } otherName && Kind(table.Text(row, "kind")) is { } otherKind)
                {
                    kinds.TryAdd(otherName, otherKind);
                }

                continue;
            }

            var name = table.Id(row, "signal");
            var kindText = table.Required(row, "kind");
            var date = table.Date(row, "date");
            var value = table.Number(row, "value", -InputLimits.MaxQuantity, InputLimits.MaxQuantity);
            var sku = table.Id(row, "sku", required: false);
            var location = table.Id(row, "location", required: false);
            if (sku is null || location is null)
            {
                continue;
            }

            if (sku.Length > 0 && !skus.Contains(sku))
            {
                if (skus.IsUnknown(sku))
                {
                    errors.Add(table.FileName, row.Line, "sku", InputRule.UnknownReference, $"sku '{InputTable.Shorten(sku)}' is not in {InputFiles.SkuNodes}");
                }

                continue;
            }

            if (location.Length > 0 && !locations.Contains(location))
            {
                if (locations.IsUnknown(location))
                {
                    errors.Add(table.FileName, row.Line, "location", InputRule.UnknownReference, $"location '{InputTable.Shorten(location)}' is not in {InputFiles.Locations}");
                }

                continue;
            }

            var kind = Kind(kindText);
            if (kindText is not null && kind is null)
            {
                errors.Add(table.FileName, row.Line, "kind", InputRule.OutOfRange, $"kind '{kindText}' must be 'known' (known in advance) or 'observed' (observed only)");
                continue;
            }

            if (name is null || kind is null || date is null || value is null)
            {
                continue;
            }

            if (kinds.TryGetValue(name, out var existing) && existing != kind)
            {
                errors.Add(table.FileName, row.Line, "kind", InputRule.OutOfRange, $"signal '{name}' is marked both known and observed");
                continue;
            }

            kinds[name] = kind.Value;
            if (!values.TryAdd(name, date.Value, sku, location, value.Value))
            {
                errors.Add(table.FileName, row.Line, "date", InputRule.DuplicateKey,
                    $"signal '{name}' on {date.Value:yyyy-MM-dd}{(sku.Length > 0 ? " for " + sku : "")}{(location.Length > 0 ? " at " + location : "")} is given twice");
            }
        }

        return values.Build(kinds);
    }

    private static SignalKind? Kind(string? text) => text switch { "known" => SignalKind.KnownInAdvance, "observed" => SignalKind.ObservedOnly, _ => null };

    private static bool Kept(Dictionary<string, bool> cache, Func<string, bool> keepSku, string sku)
    {
        if (!cache.TryGetValue(sku, out var keep))
        {
            cache[sku] = keep = keepSku(sku);
        }

        return keep;
    }
}
