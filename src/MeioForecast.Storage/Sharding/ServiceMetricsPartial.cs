using System.Globalization;
using System.Text;
using System.Text.Json;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Pipeline;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Output;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Sharding;

/// <summary>
/// The shard-side part of metrics.json: every calibrated target and simulated node service of the shard's skus, in full
/// precision (shortest round-trip form), plus the service-check options and the per-method round maximum and unmet count
/// (integers: max and sum merge exactly). <see cref="Merge"/> rebuilds the run's <see cref="ServiceReport"/> from all
/// shards with every per-node value bit-identical and in the single run's sku-node order, then formats it with the same
/// <see cref="ServiceMetricsJson"/> writer, so the finalized metrics.json equals the single-process one byte for byte.
/// Rule for new metrics: whatever metrics.json reports must be a function of these rows (add a column here).
/// </summary>
public static class ServiceMetricsPartial
{
    /// <summary>The per-node rows (first column sku: merged per sku like the run's files).</summary>
    public const string NodesFileName = ShardPartials.Prefix + "service_nodes.csv";

    /// <summary>Options and per-method integers of the shard's service check.</summary>
    public const string HeaderFileName = ShardPartials.Prefix + "service_check.json";

    private const string Primary = "primary";
    private const string Single = "single_echelon";

    private static readonly string[] Columns =
    [
        "sku", "location", "role", "location_type",
        "service_level", "outbound_service_time", "inbound_service_time", "net_replenishment_time", "mean_demand_per_period",
        "safety_stock", "base_stock", "holding_cost", "achieved_service", "calibrated_service_level",
        "customer_facing", "node_target", "node_calibrated", "node_achieved", "node_standard_error", "node_expedited_per_period",
        "sku_network_gap", "sku_network_proven", "covered_lead_time_sd",
    ];

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The shard's two partial files for <paramref name="report"/>.</summary>
    public static IReadOnlyList<RunFile> Write(ServiceReport report, IReadOnlyDictionary<string, Location> locations)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(locations);
        var rows = Rows(Primary, report.Primary).Concat(report.SingleEchelon is { } s ? Rows(Single, s) : [])
            .OrderBy(r => r.Target.Sku, StringComparer.Ordinal).ThenBy(r => r.Role, StringComparer.Ordinal).ThenBy(r => r.Target.Location, StringComparer.Ordinal);
        var table = new CsvTableWriter(Columns);
        foreach (var (role, t, n) in rows)
        {
            table.AddRow(
                t.Sku, t.Location, role, locations[t.Location].Type.ToString(),
                R(t.ServiceLevel), R(t.OutboundServiceTime), R(t.InboundServiceTime), R(t.NetReplenishmentTime), R(t.MeanDemandPerPeriod),
                R(t.SafetyStock), R(t.BaseStock), R(t.HoldingCost), R(t.AchievedService), R(t.CalibratedServiceLevel),
                n.CustomerFacing ? "1" : "0", R(n.TargetServiceLevel), R(n.CalibratedServiceLevel), R(n.AchievedService), R(n.StandardError), R(n.ExpeditedUnitsPerPeriod),
                R(t.SkuNetworkGap), t.SkuNetworkProven ? "1" : "0", R(t.CoveredLeadTimeSd));
        }

        var header = new Header(
            report.Options,
            new MethodTotals(report.Primary.Method, report.Primary.Rounds, report.Primary.Unmet),
            report.SingleEchelon is { } single ? new MethodTotals(single.Method, single.Rounds, single.Unmet) : null);
        return
        [
            new RunFile(NodesFileName, table.ToBytes(), table.Rows),
            new RunFile(HeaderFileName, JsonSerializer.SerializeToUtf8Bytes(header, Json), null),
        ];
    }

    /// <summary>
    /// metrics.json of the whole run from every shard's partial files (index = shard); throws
    /// <see cref="InvalidDataException"/> when the shards ran different service-check options or methods.
    /// </summary>
    public static RunFile Merge(IReadOnlyList<(ReadOnlyMemory<byte> Nodes, ReadOnlyMemory<byte> Header)> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var headers = shards.Select((s, i) => JsonSerializer.Deserialize<Header>(s.Header.Span, Json)
            ?? throw new InvalidDataException($"shard {i}: {HeaderFileName} is empty.")).ToArray();
        var first = headers[0];
        for (var i = 1; i < headers.Length; i++)
        {
            if (headers[i].Options != first.Options || headers[i].Primary.Method != first.Primary.Method || headers[i].SingleEchelon?.Method != first.SingleEchelon?.Method)
            {
                throw new InvalidDataException($"shard {i} ran another service check (options or methods) than shard 0.");
            }
        }

        var primary = new List<(TargetRow, NodeService)>();
        var single = new List<(TargetRow, NodeService)>();
        var locations = new Dictionary<string, Location>(StringComparer.Ordinal);
        for (var s = 0; s < shards.Count; s++)
        {
            using var reader = new StringReader(Encoding.UTF8.GetString(shards[s].Nodes.Span));
            foreach (var record in CsvParser.Parse(reader).Skip(1))
            {
                var f = record.Fields;
                if (f.Length != Columns.Length)
                {
                    throw new InvalidDataException($"shard {s}: {NodesFileName} line {record.Line} has {f.Length} fields, not {Columns.Length}.");
                }

                var type = Enum.Parse<LocationType>(f[3]);
                locations[f[1]] = new Location(f[1], type, 0);
                var target = new TargetRow(f[0], f[1], P(f[4]), P(f[5]), P(f[6]), P(f[7]), P(f[8]), P(f[9]), P(f[10]), P(f[11]))
                {
                    AchievedService = N(f[12]),
                    CalibratedServiceLevel = N(f[13]),
                    SkuNetworkGap = P(f[20]),
                    SkuNetworkProven = f[21] == "1",
                    CoveredLeadTimeSd = N(f[22]),
                };
                var node = new NodeService(f[0], f[1], f[14] == "1", P(f[15]), P(f[16]), P(f[17]), P(f[18]), P(f[19]));
                (f[2] == Primary ? primary : single).Add((target, node));
            }
        }

        var report = ServiceReport.Create(
            first.Options,
            Calibrated(first.Primary, headers.Select(h => h.Primary), primary),
            first.SingleEchelon is { } se ? Calibrated(se, headers.Select(h => h.SingleEchelon!), single) : null,
            new PlanningInput(new PlanningSettings(PeriodKind.Day, 1, [], 0), locations, [], [], [], Core.Demand.SignalTable.Empty));
        return ServiceMetricsJson.Write(report);
    }

    private static CalibratedTargets Calibrated(MethodTotals method, IEnumerable<MethodTotals> perShard, List<(TargetRow Target, NodeService Node)> rows)
    {
        // The single run lists targets in sku-node order; every sku-node is in exactly one shard.
        rows.Sort((a, b) => new Core.Keys.SkuNode(a.Target.Sku, a.Target.Location).CompareTo(new Core.Keys.SkuNode(b.Target.Sku, b.Target.Location)));
        var totals = perShard.ToArray();
        return new CalibratedTargets(method.Method, rows.Select(r => r.Target).ToArray(), rows.Select(r => r.Node).ToArray(), totals.Max(t => t.Rounds), totals.Sum(t => t.Unmet));
    }

    private static IEnumerable<(string Role, TargetRow Target, NodeService Node)> Rows(string role, CalibratedTargets calibrated) =>
        calibrated.Targets.Zip(calibrated.Nodes, (t, n) => (role, t, n));

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string R(double? value) => value is { } v ? R(v) : string.Empty;

    private static double P(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double? N(string text) => text.Length == 0 ? null : P(text);

    private sealed record MethodTotals(string Method, int Rounds, int Unmet);

    private sealed record Header(ServiceCheckOptions Options, MethodTotals Primary, MethodTotals? SingleEchelon);
}
