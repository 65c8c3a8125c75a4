using MeioForecast.Core.Demand;

namespace MeioForecast.Storage.Input;

/// <summary>Reads the optional signals.csv: date,signal,kind,value[,sku,location]; kind is 'known' or 'observed'.</summary>
internal static class SignalsReader
{
    public static SignalTable Read(string folder, ISet<string> skus, ISet<string> locations, InputErrors errors)
    {
        var table = InputTable.Read(folder, InputFiles.Signals, required: false, ["date", "signal", "kind", "value"], errors);
        if (table is null)
        {
            return SignalTable.Empty;
        }

        var kinds = new Dictionary<string, SignalKind>(StringComparer.Ordinal);
        var values = new Dictionary<(string, DateOnly, string, string), double>();
        foreach (var row in table.Records)
        {
            var name = table.Required(row, "signal");
            var kindText = table.Required(row, "kind");
            var date = table.Date(row, "date");
            var value = table.Number(row, "value");
            var sku = table.Text(row, "sku");
            var location = table.Text(row, "location");
            if (sku.Length > 0 && !skus.Contains(sku))
            {
                errors.Add(table.FileName, row.Line, "sku", InputRule.UnknownReference, $"sku '{sku}' is not in {InputFiles.SkuNodes}");
                continue;
            }

            if (location.Length > 0 && !locations.Contains(location))
            {
                errors.Add(table.FileName, row.Line, "location", InputRule.UnknownReference, $"location '{location}' is not in {InputFiles.Locations}");
                continue;
            }

            SignalKind? kind = kindText switch { "known" => SignalKind.KnownInAdvance, "observed" => SignalKind.ObservedOnly, null => null, _ => null };
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
            if (!values.TryAdd((name, date.Value, sku, location), value.Value))
            {
                errors.Add(table.FileName, row.Line, "date", InputRule.DuplicateKey,
                    $"signal '{name}' on {date.Value:yyyy-MM-dd}{(sku.Length > 0 ? " for " + sku : "")}{(location.Length > 0 ? " at " + location : "")} is given twice");
            }
        }

        return new SignalTable(kinds, values);
    }
}
