using System.Globalization;
using System.Text;
using System.Text.Json;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Storage.Csv;

namespace MeioForecast.Storage.Output;

/// <summary>
/// The per-window files of a multi-window backtest: <c>backtest_windows.csv</c> (one row per model x window) and
/// <c>backtest_windows.json</c> (each window, and per metric the mean and sample standard deviation over all windows,
/// over the choice windows 2..K-1 and over the final-test windows 0 and 1 of the shared protocol), and the printed table.
/// </summary>
public static class BacktestWindowReport
{
    /// <summary>Windows 0 and 1 (the latest) are the final test of the shared protocol; settings are chosen on the others.</summary>
    public const int FinalTestWindows = 2;

    /// <summary>Writes the two files into <paramref name="folder"/>.</summary>
    public static void Write(string folder, IReadOnlyList<(string Model, IReadOnlyList<WindowScore> Windows)> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        Directory.CreateDirectory(folder);
        var levelNames = Levels(results);
        var csv = new CsvTableWriter(["model", "window", "first_date", "points", .. levelNames.Select(l => "pinball_" + l), "wspl", "cov80", "width80", "bias", "rel_bias",
            "points_on", "bias_on", "rel_bias_on", "points_off", "bias_off", "rel_bias_off"]);
        foreach (var (model, windows) in results)
        {
            foreach (var w in windows)
            {
                var m = w.Metrics;
                csv.AddRow([model, I(w.Window), CsvTableWriter.Date(w.FirstDate), I(m.Points), .. m.Pinball.Select(N), N(m.Wspl), N(Cov80(m)), N(Width80(m)), N(w.All.Bias), N(w.All.Relative),
                    w.On is null ? "" : I(w.On.Points), N(w.On?.Bias), N(w.On?.Relative), w.Off is null ? "" : I(w.Off.Points), N(w.Off?.Bias), N(w.Off?.Relative)]);
            }
        }

        File.WriteAllBytes(Path.Combine(folder, "backtest_windows.csv"), csv.ToBytes());
        var json = results.Select(r => new
        {
            model = r.Model,
            levels = levelNames,
            windows = r.Windows.Select(w => new
            {
                window = w.Window,
                first_date = CsvTableWriter.Date(w.FirstDate),
                points = w.Metrics.Points,
                pinball = w.Metrics.Pinball,
                wspl = w.Metrics.Wspl,
                cov80 = Cov80(w.Metrics),
                width80 = Width80(w.Metrics),
                bias = w.All.Bias,
                rel_bias = w.All.Relative,
                bias_on = w.On?.Bias,
                rel_bias_on = w.On?.Relative,
                bias_off = w.Off?.Bias,
                rel_bias_off = w.Off?.Relative,
                coverage = w.All.Coverage,
                coverage_on = w.On?.Coverage,
                coverage_off = w.Off?.Coverage,
            }),
            all = Summary(r.Windows),
            choice = Summary([.. r.Windows.Where(w => w.Window >= FinalTestWindows)]),
            final_test = Summary([.. r.Windows.Where(w => w.Window < FinalTestWindows)]),
        });
        var options = new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
        File.WriteAllText(Path.Combine(folder, "backtest_windows.json"), JsonSerializer.Serialize(json, options) + "\n");
    }

    /// <summary>The per-window table with the mean and standard deviation over windows, per model.</summary>
    public static string Table(IReadOnlyList<(string Model, IReadOnlyList<WindowScore> Windows)> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var levelNames = Levels(results);
        var text = new StringBuilder();
        foreach (var (model, windows) in results)
        {
            text.Append(CultureInfo.InvariantCulture, $"{model}: {windows.Count} windows\n");
            text.Append(CultureInfo.InvariantCulture, $"{"window",-8}{"first",12}").Append(string.Concat(levelNames.Select(l => $"{"pb" + l[1..],11}")))
                .Append(CultureInfo.InvariantCulture, $"{"WSPL",8}{"cov80",7}{"width80",10}{"bias%",8}{"on%",8}{"off%",8}\n");
            foreach (var w in windows)
            {
                Row(text, w.Window.ToString(CultureInfo.InvariantCulture), CsvTableWriter.Date(w.FirstDate), w.Metrics.Pinball, w.Metrics.Wspl, Cov80(w.Metrics), Width80(w.Metrics), w.All.Relative, w.On?.Relative, w.Off?.Relative);
            }

            foreach (var (label, set) in new[] { ("mean", windows), ("sd", windows), ("mean2..", windows.Where(w => w.Window >= FinalTestWindows).ToArray()), ("mean0-1", windows.Where(w => w.Window < FinalTestWindows).ToArray()) })
            {
                if (set.Count < 2 && label != "mean")
                {
                    continue;
                }

                var pick = label == "sd" ? (Func<IEnumerable<double>, double>)(v => BacktestWindows.MeanSd(v).Sd) : v => BacktestWindows.MeanSd(v).Mean;
                var pinball = Enumerable.Range(0, levelNames.Count).Select(j => pick(set.Select(w => w.Metrics.Pinball[j]))).ToArray();
                Row(text, label, "", pinball, pick(set.Select(w => w.Metrics.Wspl)), pick(set.Select(w => Cov80(w.Metrics))), pick(set.Select(w => Width80(w.Metrics))),
                    pick(set.Select(w => w.All.Relative)), set.Any(w => w.On is not null) ? pick(set.Select(w => w.On?.Relative ?? double.NaN)) : null, set.Any(w => w.Off is not null) ? pick(set.Select(w => w.Off?.Relative ?? double.NaN)) : null);
            }
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string label, string first, IReadOnlyList<double> pinball, double wspl, double cov80, double width80, double bias, double? on, double? off)
    {
        text.Append(CultureInfo.InvariantCulture, $"{label,-8}{first,12}").Append(string.Concat(pinball.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p,11:F2}"))))
            .Append(CultureInfo.InvariantCulture, $"{wspl,8:F4}{cov80,7:F3}{width80,10:F1}{bias * 100,8:F1}{(on ?? double.NaN) * 100,8:F1}{(off ?? double.NaN) * 100,8:F1}\n");
    }

    private static object Summary(IReadOnlyList<WindowScore> windows)
    {
        if (windows.Count == 0)
        {
            return new { };
        }

        (double Mean, double Sd) Of(Func<WindowScore, double> f) => BacktestWindows.MeanSd(windows.Select(f));
        object Pair((double Mean, double Sd) p) => new { mean = p.Mean, sd = p.Sd };
        var j = windows[0].Metrics.Pinball.Count;
        return new
        {
            windows = windows.Select(w => w.Window),
            wspl = Pair(Of(w => w.Metrics.Wspl)),
            cov80 = Pair(Of(w => Cov80(w.Metrics))),
            width80 = Pair(Of(w => Width80(w.Metrics))),
            pinball = Enumerable.Range(0, j).Select(k => Pair(Of(w => w.Metrics.Pinball[k]))),
            bias = Pair(Of(w => w.All.Bias)),
            rel_bias = Pair(Of(w => w.All.Relative)),
            rel_bias_on = Pair(Of(w => w.On?.Relative ?? double.NaN)),
            rel_bias_off = Pair(Of(w => w.Off?.Relative ?? double.NaN)),
            coverage = Enumerable.Range(0, j).Select(k => Pair(Of(w => At(w.All, k)))),
            coverage_on = Enumerable.Range(0, j).Select(k => Pair(Of(w => At(w.On, k)))),
            coverage_off = Enumerable.Range(0, j).Select(k => Pair(Of(w => At(w.Off, k)))),
        };
    }

    private static double At(SegmentBias? segment, int level) => segment is not null && level < segment.Coverage.Count ? segment.Coverage[level] : double.NaN;

    private static List<string> Levels(IReadOnlyList<(string Model, IReadOnlyList<WindowScore> Windows)> results) =>
        [.. results.SelectMany(r => r.Windows).First().Levels.Select(l => l.ColumnName)];

    private static double Cov80(MetricSet m) => m.Intervals.FirstOrDefault(i => Math.Abs(i.Nominal - 0.8) < 1e-9)?.Coverage ?? double.NaN;

    private static double Width80(MetricSet m) => m.Intervals.FirstOrDefault(i => Math.Abs(i.Nominal - 0.8) < 1e-9)?.Width ?? double.NaN;

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string N(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string N(double? v) => v is { } x ? N(x) : "";
}
