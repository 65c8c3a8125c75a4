using System.Globalization;
using System.Text;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Explanation.Inputs;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Explanations;

/// <summary>
/// explanation_inputs.csv (docs/output-format.md): the inputs of every sku's placement (<see cref="RunInputs"/>), read
/// by the next run to value each coalition of its explanation game. Per sku (sorted by sku, so shards merge): its
/// <c>node</c> rows (location order), <c>lane</c> rows (input order), then <c>forecast</c> rows (location, period) with
/// the quantiles at the run's levels joined by <c>|</c>. Numbers in round-trip form: mixing a run with itself re-places
/// it to the bit.
/// </summary>
public static class ExplanationInputsCsv
{
    /// <summary>The file name.</summary>
    public const string FileName = "explanation_inputs.csv";

    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "sku", "record", "location", "from", "lane_sku", "location_type", "echelon", "unit_cost", "holding_cost_rate", "service_level",
        "max_service_time", "processing_time", "lead_time_mean", "lead_time_sd", "lead_time_distribution", "quantity_per_unit",
        "period", "first_date", "method", "quantiles",
    ];

    /// <summary>Formats <paramref name="inputs"/>.</summary>
    public static RunFile Write(RunInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var table = new CsvTableWriter(Columns);
        foreach (var (sku, s) in inputs.Skus.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var n in s.Nodes)
            {
                var location = inputs.Locations[n.Key.Location];
                table.AddRow(
                    sku, "node", n.Key.Location, "", "", Type(location.Type), I(location.Echelon), R(n.UnitCost), R(n.HoldingCostRate), R(n.ServiceLevel),
                    n.MaxServiceTime is { } m ? I(m) : "", R(n.ProcessingTime), "", "", "", "", "", "", "", "");
            }

            foreach (var l in s.Lanes)
            {
                var from = inputs.Locations[l.From];
                var distribution = l.LeadTime.Distribution is { } d ? string.Join('|', d.Select(o => R(o.Periods) + ":" + R(o.Probability))) : "";
                table.AddRow(
                    sku, "lane", l.To, l.From, l.Sku ?? "", Type(from.Type), I(from.Echelon), "", "", "", "", "", R(l.LeadTime.Mean), R(l.LeadTime.StandardDeviation),
                    distribution, R(l.QuantityPerUnit), "", "", "", "");
            }

            foreach (var f in s.Forecasts)
            {
                for (var t = 0; t < f.Horizon; t++)
                {
                    table.AddRow(
                        sku, "forecast", f.Key.Location, "", "", "", "", "", "", "", "", "", "", "", "", "", I(t), CsvTableWriter.Date(f.FirstDate), f.Method,
                        string.Join('|', f.At(t).Select(R)));
                }
            }
        }

        return new RunFile(FileName, table.ToBytes(), table.Rows);
    }

    /// <summary>Parses an explanation_inputs.csv of a run with <paramref name="settings"/>; throws <see cref="InvalidDataException"/> naming the line.</summary>
    public static RunInputs Read(ReadOnlyMemory<byte> content, PlanningSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var reader = new StringReader(Encoding.UTF8.GetString(content.Span));
        var rows = CsvParser.Parse(reader).ToList();
        if (rows.Count == 0 || !rows[0].Fields.SequenceEqual(Columns))
        {
            throw new InvalidDataException($"{FileName}: the header must be {string.Join(',', Columns)}.");
        }

        var locations = new SortedDictionary<string, Location>(StringComparer.Ordinal);
        var nodes = new Dictionary<string, List<SkuNodeParameters>>(StringComparer.Ordinal);
        var lanes = new Dictionary<string, List<Lane>>(StringComparer.Ordinal);
        var quantiles = new Dictionary<SkuNode, (DateOnly First, string Method, List<double[]> Rows)>();
        foreach (var row in rows.Skip(1))
        {
            var f = row.Fields;
            if (f.Length != Columns.Count)
            {
                throw new InvalidDataException($"{FileName} line {row.Line}: {Columns.Count} fields expected, got {f.Length}.");
            }

            var sku = f[0];
            switch (f[1])
            {
                case "node":
                    locations[f[2]] = new Location(f[2], ParseType(row, f[5]), (int)P(row, 6));
                    Add(nodes, sku, new SkuNodeParameters(new SkuNode(sku, f[2]), P(row, 7), P(row, 8), P(row, 9), f[10].Length == 0 ? null : (int)P(row, 10), P(row, 11)));
                    break;
                case "lane":
                    locations.TryAdd(f[3], new Location(f[3], ParseType(row, f[5]), (int)P(row, 6)));
                    var outcomes = f[14].Length == 0 ? null : f[14].Split('|').Select(o => o.Split(':')).Select(o => new LeadTimeOutcome(N(row, o[0]), N(row, o[^1]))).ToArray();
                    Add(lanes, sku, new Lane(f[4].Length == 0 ? null : f[4], f[3], f[2], new LeadTime(P(row, 12), P(row, 13), outcomes), P(row, 15)));
                    break;
                case "forecast":
                    var key = new SkuNode(sku, f[2]);
                    if (!quantiles.TryGetValue(key, out var series))
                    {
                        quantiles[key] = series = (DateOnly.ParseExact(f[17], "yyyy-MM-dd", CultureInfo.InvariantCulture), f[18], []);
                    }

                    if ((int)P(row, 16) != series.Rows.Count)
                    {
                        throw new InvalidDataException($"{FileName} line {row.Line}: period {f[16]} out of order (expected {series.Rows.Count}).");
                    }

                    series.Rows.Add(f[19].Split('|').Select(v => N(row, v)).ToArray());
                    break;
                default:
                    throw new InvalidDataException($"{FileName} line {row.Line}: record '{f[1]}' is not node, lane or forecast.");
            }
        }

        var skus = new SortedDictionary<string, SkuInputs>(StringComparer.Ordinal);
        foreach (var (sku, list) in nodes)
        {
            var forecasts = list.Where(n => quantiles.ContainsKey(n.Key)).Select(n => Forecast(n.Key, quantiles[n.Key], settings.QuantileLevels)).ToArray();
            skus[sku] = new SkuInputs(sku, list, lanes.GetValueOrDefault(sku) ?? [], forecasts);
        }

        return new RunInputs(settings, locations, skus);
    }

    private static SeriesForecast Forecast(SkuNode key, (DateOnly First, string Method, List<double[]> Rows) series, IReadOnlyList<QuantileLevel> levels)
    {
        var q = new double[series.Rows.Count, levels.Count];
        for (var t = 0; t < series.Rows.Count; t++)
        {
            if (series.Rows[t].Length != levels.Count)
            {
                throw new InvalidDataException($"{FileName}: the forecast of {key} has {series.Rows[t].Length} quantiles in period {t}, the run has {levels.Count} levels.");
            }

            for (var j = 0; j < levels.Count; j++)
            {
                q[t, j] = series.Rows[t][j];
            }
        }

        return new SeriesForecast(key, series.First, levels, q, series.Method);
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string sku, T item)
    {
        if (!map.TryGetValue(sku, out var list))
        {
            map[sku] = list = [];
        }

        list.Add(item);
    }

    private static string Type(LocationType type) => type.ToString();

    private static LocationType ParseType(CsvRecord row, string text) =>
        Enum.TryParse<LocationType>(text, out var type) ? type : throw new InvalidDataException($"{FileName} line {row.Line}: location_type '{text}' is unknown.");

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double P(CsvRecord row, int column) => N(row, row.Fields[column], Columns[column]);

    private static double N(CsvRecord row, string text, string column = "quantiles") =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new InvalidDataException($"{FileName} line {row.Line}: {column} '{text}' is not a finite number.");
}
