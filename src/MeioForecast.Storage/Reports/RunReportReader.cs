using System.Globalization;
using System.Text.Json;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Explainability.Drilldown;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Reporting.Model;
using MeioForecast.Storage.Explanations;
using MeioForecast.Storage.Output;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Reports;

/// <summary>
/// Parses a run's files (targets.csv, forecasts.csv, explanations.csv, explanation_summary.csv, metrics.json and, when
/// present, explanation_details.csv) and optionally its input (network, demand history, promotions and holidays) into
/// the report's <see cref="RunReportData"/>. Throws <see cref="InvalidDataException"/> naming the file and line.
/// </summary>
public static class RunReportReader
{
    /// <summary>File name of the TreeSHAP drill-down (docs/output-format.md); optional.</summary>
    public const string DetailsFileName = "explanation_details.csv";

    /// <summary>File name of the report inside a run folder.</summary>
    public const string ReportFileName = "report.html";

    /// <summary>Reads a verified run; <paramref name="input"/> adds the network graph, history and signals when given.</summary>
    public static RunReportData Read(VerifiedRun run, PlanningInput? input, int historyPeriods = 84)
    {
        ArgumentNullException.ThrowIfNull(run);
        var m = run.Manifest;
        return Read(m.RunId, m.CreatedUtc, m.SoftwareVersion, m.Settings, run.Files, input, historyPeriods);
    }

    /// <summary>Reads a run's files by name (as published or about to be published).</summary>
    public static RunReportData Read(
        string runId,
        DateTimeOffset createdUtc,
        string softwareVersion,
        IReadOnlyDictionary<string, string> settings,
        IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files,
        PlanningInput? input,
        int historyPeriods = 84)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(files);
        var (levels, forecasts) = ReadForecasts(Required(files, ForecastsCsv.FileName));
        var against = settings.GetValueOrDefault(ExplainedAgainstSetting.Key, ExplainedAgainstSetting.None);
        var data = new RunReportData
        {
            RunId = runId,
            CreatedUtc = createdUtc,
            SoftwareVersion = softwareVersion,
            Settings = settings,
            Targets = ReadTargets(Required(files, TargetsCsv.FileName)),
            Explanations = ReadExplanations(Required(files, ExplanationsCsv.FileName)),
            ExplainedAgainst = against == ExplainedAgainstSetting.None ? "single-echelon placement" : "run " + against,
            Sentences = files.TryGetValue(ExplanationSummaryCsv.FileName, out var summary) ? ReadSentences(summary) : [],
            QuantileLevels = levels,
            Forecasts = forecasts,
            Service = files.TryGetValue(ServiceMetricsJson.FileName, out var metrics) ? ReadService(metrics) : null,
            FeatureContributions = files.TryGetValue(DetailsFileName, out var details) ? ReadDetails(details) : null,
            ForecastComposition = files.TryGetValue(ForecastContributionsCsv.FileName, out var composition) ? ReadComposition(composition) : null,
        };
        return input is null ? data : WithInput(data, input, historyPeriods);
    }

    private static ReadOnlyMemory<byte> Required(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files, string name) =>
        files.TryGetValue(name, out var content) ? content : throw new InvalidDataException($"The run has no {name}.");

    private static List<TargetLine> ReadTargets(ReadOnlyMemory<byte> content)
    {
        var t = ReportCsvTable.Parse(TargetsCsv.FileName, content);
        var (sku, loc, sl, tau, mean, ss, bs, hc) = (t.Index("sku"), t.Index("location"), t.Index("service_level"), t.Index("net_replenishment_time"),
            t.Index("mean_demand_per_period"), t.Index("safety_stock"), t.Index("base_stock"), t.Index("holding_cost"));
        var achieved = t.Has("achieved_service") ? t.Index("achieved_service") : -1;
        var calibrated = t.Has("calibrated_service_level") ? t.Index("calibrated_service_level") : -1;
        return t.Rows.Select(r => new TargetLine(
            t.Text(r, sku), t.Text(r, loc), t.Number(r, sl), t.Number(r, tau), t.Number(r, mean), t.Number(r, ss), t.Number(r, bs), t.Number(r, hc),
            achieved < 0 ? null : t.OptionalNumber(r, achieved), calibrated < 0 ? null : t.OptionalNumber(r, calibrated))).ToList();
    }

    private static (List<double> Levels, List<ForecastLine> Rows) ReadForecasts(ReadOnlyMemory<byte> content)
    {
        var t = ReportCsvTable.Parse(ForecastsCsv.FileName, content);
        var (sku, loc, date, method) = (t.Index("sku"), t.Index("location"), t.Index("date"), t.Index("method"));
        var quantileColumns = t.Header.Select((c, i) => (c, i)).Where(p => p.c.StartsWith('q')).ToList();
        var levels = quantileColumns.Select(p => double.TryParse(p.c.AsSpan(1), NumberStyles.Float, CultureInfo.InvariantCulture, out var l)
            ? l : throw new InvalidDataException($"{ForecastsCsv.FileName}: column '{p.c}' is not q<level>.")).ToList();
        var rows = t.Rows.Select(r => new ForecastLine(t.Text(r, sku), t.Text(r, loc), t.Date(r, date), t.Text(r, method),
            quantileColumns.Select(p => t.Number(r, p.i)).ToArray())).ToList();
        return (levels, rows);
    }

    private static List<DriverContribution> ReadExplanations(ReadOnlyMemory<byte> content)
    {
        var t = ReportCsvTable.Parse(ExplanationsCsv.FileName, content);
        var (sku, loc, driver, c, unit, measure, baseline, prev, cur) = (t.Index("sku"), t.Index("location"), t.Index("driver"), t.Index("contribution"),
            t.Index("unit"), t.Index("measure"), t.Index("baseline"), t.Index("previous"), t.Index("current"));
        return t.Rows.Select(r => new DriverContribution(t.Text(r, sku), t.Text(r, loc), t.Text(r, measure), t.Text(r, driver), t.Number(r, c),
            t.Text(r, unit), t.Text(r, baseline), t.Number(r, prev), t.Number(r, cur))).ToList();
    }

    private static List<SentenceLine> ReadSentences(ReadOnlyMemory<byte> content)
    {
        var t = ReportCsvTable.Parse(ExplanationSummaryCsv.FileName, content);
        var (sku, loc, sentence) = (t.Index("sku"), t.Index("location"), t.Index("sentence"));
        return t.Rows.Select(r => new SentenceLine(t.Text(r, sku), t.Text(r, loc), t.Text(r, sentence))).ToList();
    }

    private static List<FeatureContribution> ReadDetails(ReadOnlyMemory<byte> content)
    {
        var t = ReportCsvTable.Parse(DetailsFileName, content);
        var (sku, loc, driver, detail, c) = (t.Index("sku"), t.Index("location"), t.Index("driver"), t.Index("detail"), t.Index("contribution"));
        var unit = t.Has("unit") ? t.Index("unit") : -1;
        return t.Rows.Select(r => new FeatureContribution(t.Text(r, sku), t.Text(r, loc), t.Text(r, driver), t.Text(r, detail), t.Number(r, c),
            unit < 0 ? "units" : t.Text(r, unit))).ToList();
    }

    /// <summary>forecast_contributions.csv's feature groups (not the model base nor the other models' remainder).</summary>
    private static List<FeatureContribution> ReadComposition(ReadOnlyMemory<byte> content)
    {
        var rows = ForecastContributionsCsv.Read(content);
        var result = new List<FeatureContribution>();
        foreach (var (key, c) in rows)
        {
            foreach (var (driver, groups) in new[] { ("forecast level", c.Level), ("forecast spread", c.Spread) })
            {
                result.AddRange(groups
                    .Where(g => g.Contribution != 0 && g.Group is not (ForecastFeatureGroups.ModelBase or ForecastFeatureGroups.OtherModels))
                    .Select(g => new FeatureContribution(key.Sku, key.Location, driver, DemandDetails.Label(g.Group, g.PeakDate), g.Contribution, "units")));
            }
        }

        return result;
    }

    private static ServiceComparison? ReadService(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var doc = JsonDocument.Parse(content);
            if (!doc.RootElement.TryGetProperty("service_check", out var check) || check.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new ServiceComparison(
                Figures(check.GetProperty("placement")),
                check.TryGetProperty("single_echelon", out var se) && se.ValueKind == JsonValueKind.Object ? Figures(se) : null,
                OptionalNumber(check, "safety_stock_saving"),
                OptionalNumber(check, "holding_cost_saving"))
            {
                Tolerance = check.TryGetProperty("simulation", out var simulation) ? OptionalNumber(simulation, "tolerance") ?? 0 : 0,
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{ServiceMetricsJson.FileName}: {ex.Message}", ex);
        }
    }

    private static ServiceFigures Figures(JsonElement e) => new(
        e.GetProperty("method").GetString() ?? "",
        e.GetProperty("customer_service").GetDouble(),
        e.GetProperty("customer_target").GetDouble(),
        e.GetProperty("nodes_below_target").GetInt32(),
        e.GetProperty("safety_stock").GetDouble(),
        e.GetProperty("holding_cost").GetDouble(),
        e.GetProperty("expedited_units_per_period").GetDouble());

    private static double? OptionalNumber(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>Adds the input's network, the last <paramref name="historyPeriods"/> periods of demand history, and the
    /// promotions (signals named promo*, value &gt; 0) and holidays (holiday*, value != 0) from there to the horizon.</summary>
    private static RunReportData WithInput(RunReportData data, PlanningInput input, int historyPeriods)
    {
        var days = input.Settings.Period == PeriodKind.Day ? 1 : 7;
        var history = input.Demand.Select(d =>
        {
            var skip = Math.Max(0, d.Length - historyPeriods);
            return new DemandHistoryLine(d.Key.Sku, d.Key.Location, d.DateAt(skip), days, d.Quantities.Skip(skip).ToArray());
        }).ToList();
        var marked = input.Signals.Names.Where(n => n.Contains("promo", StringComparison.OrdinalIgnoreCase) || n.Contains("holiday", StringComparison.OrdinalIgnoreCase)).ToList();
        var events = new List<SignalMark>();
        foreach (var d in input.Demand)
        {
            var skip = Math.Max(0, d.Length - historyPeriods);
            var count = d.Length - skip + input.Settings.Horizon;
            foreach (var name in marked)
            {
                var values = input.Signals.Series(name, d.Key, input.Settings.Period, d.DateAt(skip), count);
                var holiday = name.Contains("holiday", StringComparison.OrdinalIgnoreCase);
                for (var i = 0; i < values.Length; i++)
                {
                    if (!double.IsNaN(values[i]) && (holiday ? values[i] != 0 : values[i] > 0))
                    {
                        events.Add(new SignalMark(d.DateAt(skip + i), name, values[i], d.Key.Sku, d.Key.Location));
                    }
                }
            }
        }

        return data with
        {
            Nodes = input.Locations.Values.OrderBy(l => l.Id, StringComparer.Ordinal).Select(l => new NetworkNode(l.Id, TypeName(l.Type), l.Echelon)).ToList(),
            Edges = input.Lanes.Select(l => new NetworkEdge(l.From, l.To)).Distinct().ToList(),
            History = history,
            Events = events,
        };
    }

    private static string TypeName(LocationType type) => type switch
    {
        LocationType.DistributionCenter => "distribution center",
        _ => type.ToString().ToLowerInvariant(),
    };
}
