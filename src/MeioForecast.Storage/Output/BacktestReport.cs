using System.Globalization;
using System.Text;
using System.Text.Json;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Storage.Csv;

namespace MeioForecast.Storage.Output;

/// <summary>
/// Backtest metrics files: <c>backtest_series.csv</c> (one row per model x sku-node), <c>backtest_summary.csv</c> and
/// <c>backtest_summary.json</c> (one entry per model), and the comparison table printed by <c>meio backtest</c>.
/// </summary>
public static class BacktestReport
{
    /// <summary>Writes the three files into <paramref name="folder"/> (created if missing).</summary>
    public static void Write(string folder, IReadOnlyList<BacktestResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        Directory.CreateDirectory(folder);
        var levels = results[0].Outcomes[0].Levels;
        var levelColumns = levels.Select(l => "pinball_" + l.ColumnName).Concat(levels.Select(l => "coverage_" + l.ColumnName)).ToArray();
        var perSeries = new CsvTableWriter(["model", "sku", "location", "points", "weight", .. levelColumns, "spl", "cov80", "width80", "crps", "bias"]);
        var summary = new CsvTableWriter(["model", "points", .. levelColumns, "spl", "wspl", "cov80", "width80", "cov90", "width90", "crps", "bias"]);
        foreach (var r in results)
        {
            foreach (var (key, m) in r.PerSeries)
            {
                var i80 = Interval(m, 0.8);
                perSeries.AddRow([r.Model, key.Sku, key.Location, m.Points.ToString(CultureInfo.InvariantCulture), N(m.Weight), .. m.Pinball.Select(v => N(v)), .. m.Coverage.Select(v => N(v)), N(m.Spl), N(i80?.Coverage), N(i80?.Width), N(m.Crps), N(m.Bias)]);
            }

            var o = r.Overall;
            summary.AddRow([r.Model, o.Points.ToString(CultureInfo.InvariantCulture), .. o.Pinball.Select(v => N(v)), .. o.Coverage.Select(v => N(v)), N(o.Spl), N(o.Wspl), N(Interval(o, 0.8)?.Coverage), N(Interval(o, 0.8)?.Width), N(Interval(o, 0.9)?.Coverage), N(Interval(o, 0.9)?.Width), N(o.Crps), N(o.Bias)]);
        }

        File.WriteAllBytes(Path.Combine(folder, "backtest_series.csv"), perSeries.ToBytes());
        File.WriteAllBytes(Path.Combine(folder, "backtest_summary.csv"), summary.ToBytes());
        var json = results.Select(r => new
        {
            model = r.Model,
            points = r.Overall.Points,
            levels = levels.Select(l => l.Value),
            pinball = r.Overall.Pinball,
            scaled_pinball = r.Overall.ScaledPinball,
            coverage = r.Overall.Coverage,
            spl = r.Overall.Spl,
            wspl = r.Overall.Wspl,
            intervals = r.Overall.Intervals.Select(i => new { lower = i.Lower, upper = i.Upper, coverage = i.Coverage, width = i.Width }),
            crps = r.Overall.Crps,
            bias = r.Overall.Bias,
            methods = r.Methods,
        });
        File.WriteAllText(Path.Combine(folder, "backtest_summary.json"), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>
    /// Writes <c>backtest_outcomes.csv</c> into <paramref name="folder"/>: one row per model, sku-node, origin and forecast
    /// period with the actual (empty where the period is not scored) and the forecast's quantiles, so that a forecast's
    /// bias or level can be studied on any cut of the periods (e.g. promotion weeks against the others).
    /// Columns: <c>model,sku,location,origin,date,actual,q0.05,...</c> (origin 0 = the oldest).
    /// </summary>
    public static void WriteOutcomes(string folder, IReadOnlyList<BacktestResult> results, PeriodKind period)
    {
        ArgumentNullException.ThrowIfNull(results);
        Directory.CreateDirectory(folder);
        var levels = results[0].Outcomes[0].Levels;
        var table = new CsvTableWriter(["model", "sku", "location", "origin", "date", "actual", .. levels.Select(l => l.ColumnName)]);
        foreach (var r in results)
        {
            foreach (var o in r.Outcomes)
            {
                for (var t = 0; t < o.Actuals.Length; t++)
                {
                    table.AddRow([r.Model, o.Key.Sku, o.Key.Location, o.Origin.ToString(CultureInfo.InvariantCulture), period.Add(o.FirstDate, t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), N(o.Actuals[t]), .. Enumerable.Range(0, o.Levels.Count).Select(j => N(o.Quantiles[t, j]))]);
                }
            }
        }

        File.WriteAllBytes(Path.Combine(folder, "backtest_outcomes.csv"), table.ToBytes());
    }

    /// <summary>The comparison table: pinball per level, SPL, WSPL, 80% coverage and width per model.</summary>
    public static string Table(IReadOnlyList<BacktestResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var levels = results[0].Outcomes[0].Levels;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"model",-16}").Append(string.Concat(levels.Select(l => $"{"pb" + l.ColumnName[1..],11}")))
            .Append(CultureInfo.InvariantCulture, $"{"SPL",8}{"WSPL",8}{"cov80",7}{"width80",11}\n");
        foreach (var r in results)
        {
            var o = r.Overall;
            text.Append(CultureInfo.InvariantCulture, $"{r.Model,-16}").Append(string.Concat(o.Pinball.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p,11:F2}"))))
                .Append(CultureInfo.InvariantCulture, $"{o.Spl,8:F4}{o.Wspl,8:F4}{Interval(o, 0.8)?.Coverage ?? double.NaN,7:F3}{Interval(o, 0.8)?.Width ?? double.NaN,11:F1}\n");
            text.Append("  methods: ").Append(string.Join(", ", r.Methods.Select(kv => $"{kv.Key}={kv.Value}"))).Append('\n');
        }

        return text.ToString();
    }

    private static IntervalMetric? Interval(MetricSet m, double nominal) => m.Intervals.FirstOrDefault(i => Math.Abs(i.Nominal - nominal) < 1e-9);

    private static string N(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";
}
