using System.Globalization;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;

namespace MeioForecast.Storage.Input;

/// <summary>Reads locations.csv, sku_nodes.csv and lanes.csv, and checks references, duplicates, cycles and inbound lanes.</summary>
internal static class NetworkReader
{
    public static Dictionary<string, Location> ReadLocations(string folder, InputErrors errors)
    {
        var result = new Dictionary<string, Location>(StringComparer.Ordinal);
        var table = InputTable.Read(folder, InputFiles.Locations, required: true, ["location", "type"], errors);
        if (table is null)
        {
            return result;
        }

        foreach (var row in table.Records)
        {
            var id = table.Required(row, "location");
            var typeText = table.Required(row, "type");
            if (id is null || typeText is null)
            {
                continue;
            }

            LocationType? type = typeText switch
            {
                "supplier" => LocationType.Supplier,
                "plant" => LocationType.Plant,
                "dc" => LocationType.DistributionCenter,
                "store" => LocationType.Store,
                _ => null,
            };
            if (type is null)
            {
                table.Errors.Add(table.FileName, row.Line, "type", InputRule.OutOfRange, $"type '{typeText}' must be one of supplier, plant, dc, store");
                continue;
            }

            var echelon = table.HasColumn("echelon") ? table.Integer(row, "echelon", required: false) : null;
            echelon ??= type switch { LocationType.Store => 0, LocationType.DistributionCenter => 1, LocationType.Plant => 2, _ => 3 };
            if (!result.TryAdd(id, new Location(id, type.Value, echelon.Value)))
            {
                table.Errors.Add(table.FileName, row.Line, "location", InputRule.DuplicateKey, $"location '{id}' is defined twice");
            }
        }

        return result;
    }

    public static List<(SkuNodeParameters Node, int Line)> ReadSkuNodes(string folder, IReadOnlyDictionary<string, Location> locations, InputErrors errors)
    {
        var result = new List<(SkuNodeParameters, int)>();
        var table = InputTable.Read(folder, InputFiles.SkuNodes, required: true,
            ["sku", "location", "unit_cost", "holding_cost_rate", "service_level"], errors);
        if (table is null)
        {
            return result;
        }

        var seen = new HashSet<SkuNode>();
        foreach (var row in table.Records)
        {
            var sku = table.Required(row, "sku");
            var location = table.Required(row, "location");
            var cost = table.Number(row, "unit_cost", nonNegative: true);
            var rate = table.Number(row, "holding_cost_rate", nonNegative: true);
            var service = table.Number(row, "service_level");
            var maxService = table.HasColumn("max_service_time") ? table.Integer(row, "max_service_time", required: false) : null;
            var processing = table.HasColumn("processing_time") ? table.Number(row, "processing_time", required: false, nonNegative: true) : null;
            if (service is { } s && !(s > 0 && s < 1))
            {
                table.Errors.Add(table.FileName, row.Line, "service_level", InputRule.OutOfRange, $"service level {s.ToString(CultureInfo.InvariantCulture)} must lie strictly between 0 and 1");
                service = null;
            }

            if (location is not null && !locations.ContainsKey(location))
            {
                table.Errors.Add(table.FileName, row.Line, "location", InputRule.UnknownReference, $"location '{location}' is not in {InputFiles.Locations}");
                continue;
            }

            if (location is not null && locations[location].Type == LocationType.Supplier)
            {
                table.Errors.Add(table.FileName, row.Line, "location", InputRule.OutOfRange, $"'{location}' is an external supplier: suppliers are not planned");
                continue;
            }

            if (sku is null || location is null || cost is null || rate is null || service is null)
            {
                continue;
            }

            var key = new SkuNode(sku, location);
            if (!seen.Add(key))
            {
                table.Errors.Add(table.FileName, row.Line, "location", InputRule.DuplicateKey, $"sku-node {sku} at {location} is defined twice");
                continue;
            }

            result.Add((new SkuNodeParameters(key, cost.Value, rate.Value, service.Value, maxService, processing ?? 0.0), row.Line));
        }

        return result;
    }

    public static List<(Lane Lane, int Line)> ReadLanes(string folder, IReadOnlyDictionary<string, Location> locations, ISet<string> skus, InputErrors errors)
    {
        var result = new List<(Lane, int)>();
        var table = InputTable.Read(folder, InputFiles.Lanes, required: true, ["from", "to", "lead_time_mean"], errors);
        if (table is null)
        {
            return result;
        }

        var seen = new HashSet<(string, string, string)>();
        foreach (var row in table.Records)
        {
            var from = table.Required(row, "from");
            var to = table.Required(row, "to");
            var skuText = table.Text(row, "sku");
            var sku = skuText.Length == 0 ? null : skuText;
            double? mean = null;
            if (table.Text(row, "lead_time_mean").Length == 0)
            {
                table.Errors.Add(table.FileName, row.Line, "lead_time_mean", InputRule.MissingLeadTime, $"lane {from} -> {to} has no lead time");
            }
            else
            {
                mean = table.Number(row, "lead_time_mean", nonNegative: true);
            }

            var sd = table.HasColumn("lead_time_sd") ? table.Number(row, "lead_time_sd", required: false, nonNegative: true) ?? 0.0 : 0.0;
            var quantity = table.HasColumn("quantity_per_unit") ? table.Number(row, "quantity_per_unit", required: false, nonNegative: true) ?? 1.0 : 1.0;
            var distribution = ParseDistribution(table, row);
            foreach (var (column, id) in new[] { ("from", from), ("to", to) })
            {
                if (id is not null && !locations.ContainsKey(id))
                {
                    table.Errors.Add(table.FileName, row.Line, column, InputRule.UnknownReference, $"location '{id}' is not in {InputFiles.Locations}");
                    mean = null;
                }
            }

            if (sku is not null && !skus.Contains(sku))
            {
                table.Errors.Add(table.FileName, row.Line, "sku", InputRule.UnknownReference, $"sku '{sku}' is not in {InputFiles.SkuNodes}");
                continue;
            }

            if (from is null || to is null || mean is null)
            {
                continue;
            }

            if (from == to)
            {
                table.Errors.Add(table.FileName, row.Line, "to", InputRule.NetworkCycle, $"lane {from} -> {to} loops back to itself");
                continue;
            }

            if (!seen.Add((sku ?? "", from, to)))
            {
                table.Errors.Add(table.FileName, row.Line, "to", InputRule.DuplicateKey, $"lane {from} -> {to}{(sku is null ? "" : " for " + sku)} is defined twice");
                continue;
            }

            try
            {
                result.Add((new Lane(sku, from, to, new LeadTime(mean.Value, sd, distribution), quantity), row.Line));
            }
            catch (ArgumentException ex)
            {
                table.Errors.Add(table.FileName, row.Line, "lead_time_distribution", InputRule.OutOfRange, ex.Message);
            }
        }

        return result;
    }

    private static List<LeadTimeOutcome>? ParseDistribution(InputTable table, Csv.CsvRecord row)
    {
        var text = table.Text(row, "lead_time_distribution");
        if (text.Length == 0)
        {
            return null;
        }

        var outcomes = new List<LeadTimeOutcome>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split(':');
            if (pair.Length != 2
                || !double.TryParse(pair[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p))
            {
                table.Errors.Add(table.FileName, row.Line, "lead_time_distribution", InputRule.UnparsableNumber, $"'{part}' must be periods:probability, e.g. 3:0.25");
                return null;
            }

            outcomes.Add(new LeadTimeOutcome(v, p));
        }

        return outcomes;
    }

    /// <summary>Reports every cycle of the lanes of each sku, with the path, at the line of the lane that closes it.</summary>
    public static void CheckCycles(IReadOnlyList<(Lane Lane, int Line)> lanes, IEnumerable<string> skus, InputErrors errors)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sku in skus)
        {
            var carrying = lanes.Where(l => l.Lane.Carries(sku)).ToList();
            var next = carrying.GroupBy(l => l.Lane.From, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new List<string>();
            foreach (var start in next.Keys.Order(StringComparer.Ordinal))
            {
                Visit(start);
            }

            void Visit(string node)
            {
                state[node] = 1;
                stack.Add(node);
                foreach (var (lane, line) in next.GetValueOrDefault(node) ?? [])
                {
                    var s = state.GetValueOrDefault(lane.To);
                    if (s == 1)
                    {
                        ReportCycle(stack.Skip(stack.IndexOf(lane.To)).ToList(), carrying, reported, errors);
                    }
                    else if (s == 0)
                    {
                        Visit(lane.To);
                    }
                }

                stack.RemoveAt(stack.Count - 1);
                state[node] = 2;
            }
        }
    }

    /// <summary>Reports a cycle at the line of its last-listed lane, the path starting at that lane's origin.</summary>
    private static void ReportCycle(List<string> path, List<(Lane Lane, int Line)> lanes, HashSet<string> reported, InputErrors errors)
    {
        var hops = path.Select((from, i) => lanes.First(l => l.Lane.From == from && l.Lane.To == path[(i + 1) % path.Count])).ToList();
        var last = hops.IndexOf(hops.MaxBy(h => h.Line));
        var rotated = path.Skip(last).Concat(path.Take(last)).ToList();
        var text = string.Join(" -> ", rotated.Append(rotated[0]));
        if (reported.Add(text))
        {
            errors.Add(InputFiles.Lanes, hops[last].Line, "to", InputRule.NetworkCycle, $"lanes form a cycle: {text}");
        }
    }

    /// <summary>Every planned sku-node at a distribution center or store needs a lane in from a supplier or a node stocking the sku.</summary>
    public static void CheckInboundLanes(
        IReadOnlyList<(SkuNodeParameters Node, int Line)> nodes,
        IReadOnlyList<(Lane Lane, int Line)> lanes,
        IReadOnlyDictionary<string, Location> locations,
        InputErrors errors)
    {
        var stocked = nodes.Select(n => n.Node.Key).ToHashSet();
        foreach (var (node, line) in nodes)
        {
            var type = locations[node.Key.Location].Type;
            if (type is LocationType.Plant)
            {
                continue;
            }

            var fed = lanes.Any(l => l.Lane.To == node.Key.Location && l.Lane.Carries(node.Key.Sku)
                && (locations[l.Lane.From].Type == LocationType.Supplier || stocked.Contains(new SkuNode(node.Key.Sku, l.Lane.From))));
            if (!fed)
            {
                errors.Add(InputFiles.SkuNodes, line, "location", InputRule.NoInboundLane,
                    $"{node.Key.Sku} at {node.Key.Location} has no lane in from a supplier or a location stocking {node.Key.Sku}");
            }
        }
    }
}
