using System.Globalization;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;

namespace MeioForecast.Storage.Input;

/// <summary>Reads locations.csv and sku_nodes.csv: ids, types, ranges, references and duplicates.</summary>
internal static class NetworkReader
{
    public static Dictionary<string, Location> ReadLocations(string folder, InputErrors errors, KnownKeys<string> known)
    {
        var result = new Dictionary<string, Location>(StringComparer.Ordinal);
        var table = InputTable.Read(folder, InputFiles.Locations, required: true, ["location", "type"], errors);
        if (table is null)
        {
            known.Complete = false;
            return result;
        }

        foreach (var row in table.Records)
        {
            var id = table.Id(row, "location");
            var typeText = table.Required(row, "type");
            LocationType? type = typeText switch
            {
                "supplier" => LocationType.Supplier,
                "plant" => LocationType.Plant,
                "dc" => LocationType.DistributionCenter,
                "store" => LocationType.Store,
                _ => null,
            };
            if (typeText is not null && type is null)
            {
                table.Errors.Add(table.FileName, row.Line, "type", InputRule.OutOfRange, $"type '{InputTable.Shorten(typeText)}' must be one of supplier, plant, dc, store");
            }

            var echelon = table.HasColumn("echelon") ? table.Integer(row, "echelon", 0, InputLimits.MaxEchelon, required: false) : null;
            var badEchelon = echelon is null && table.Text(row, "echelon").Length > 0;
            if (id is null || type is null || badEchelon)
            {
                RejectText(known, table.Text(row, "location"));
                continue;
            }

            echelon ??= type switch { LocationType.Store => 0, LocationType.DistributionCenter => 1, LocationType.Plant => 2, _ => 3 };
            if (!result.TryAdd(id, new Location(id, type.Value, echelon.Value)))
            {
                table.Errors.Add(table.FileName, row.Line, "location", InputRule.DuplicateKey, $"location '{id}' is defined twice");
            }

            known.Define(id);
        }

        known.Complete = table.Complete && table.RowCount > 0;
        return result;
    }

    public static List<(SkuNodeParameters Node, int Line)> ReadSkuNodes(
        string folder, IReadOnlyDictionary<string, Location> locations, KnownKeys<string> knownLocations, InputErrors errors, KnownKeys<SkuNode> knownNodes, KnownKeys<string> knownSkus)
    {
        var result = new List<(SkuNodeParameters, int)>();
        var table = InputTable.Read(folder, InputFiles.SkuNodes, required: true,
            ["sku", "location", "unit_cost", "holding_cost_rate", "service_level"], errors);
        if (table is null)
        {
            knownNodes.Complete = knownSkus.Complete = false;
            return result;
        }

        var seen = new HashSet<SkuNode>();
        foreach (var row in table.Records)
        {
            var sku = table.Id(row, "sku");
            var location = table.Id(row, "location");
            var cost = table.Number(row, "unit_cost", 0, InputLimits.MaxUnitCost);
            var rate = table.Number(row, "holding_cost_rate", 0, InputLimits.MaxHoldingCostRate);
            var service = table.Number(row, "service_level", double.MinValue, double.MaxValue);
            var maxService = table.HasColumn("max_service_time") ? table.Integer(row, "max_service_time", 0, (int)InputLimits.MaxPeriods, required: false) : null;
            var processing = table.HasColumn("processing_time") ? table.Number(row, "processing_time", 0, InputLimits.MaxPeriods, required: false) : null;
            if (service is { } s && !(s > 0 && s < 1))
            {
                table.Errors.Add(table.FileName, row.Line, "service_level", InputRule.OutOfRange, $"service level {s.ToString(CultureInfo.InvariantCulture)} must lie strictly between 0 and 1");
                service = null;
            }

            var valid = sku is not null && location is not null && cost is not null && rate is not null && service is not null
                && (maxService is not null || table.Text(row, "max_service_time").Length == 0)
                && (processing is not null || table.Text(row, "processing_time").Length == 0);
            if (location is not null && !locations.ContainsKey(location))
            {
                if (knownLocations.IsUnknown(location))
                {
                    table.Errors.Add(table.FileName, row.Line, "location", InputRule.UnknownReference, $"location '{location}' is not in {InputFiles.Locations}");
                }

                valid = false;
            }
            else if (location is not null && locations[location].Type == LocationType.Supplier)
            {
                table.Errors.Add(table.FileName, row.Line, "location", InputRule.OutOfRange, $"'{location}' is an external supplier: suppliers are not planned");
                valid = false;
            }

            if (!valid)
            {
                var skuText = table.Text(row, "sku");
                RejectText(knownSkus, skuText);
                if (skuText.Length > 0 && table.Text(row, "location") is { Length: > 0 } locationText)
                {
                    knownNodes.Reject(new SkuNode(skuText, locationText));
                }

                continue;
            }

            var key = new SkuNode(sku!, location!);
            if (!seen.Add(key))
            {
                table.Errors.Add(table.FileName, row.Line, "location", InputRule.DuplicateKey, $"sku-node {sku} at {location} is defined twice");
                continue;
            }

            knownNodes.Define(key);
            knownSkus.Define(sku!);
            result.Add((new SkuNodeParameters(key, cost!.Value, rate!.Value, service!.Value, maxService, processing ?? 0.0), row.Line));
        }

        knownNodes.Complete = knownSkus.Complete = table.Complete && table.RowCount > 0 && knownLocations.Complete;
        return result;
    }

    private static void RejectText(KnownKeys<string> known, string text)
    {
        if (text.Length > 0)
        {
            known.Reject(text);
        }
    }
}
