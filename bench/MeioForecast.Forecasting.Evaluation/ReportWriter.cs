using System.Globalization;
using System.Text;
using System.Text.Json;
using MeioForecast.Forecasting.Backtesting;

namespace MeioForecast.Forecasting.Evaluation;

/// <summary>Writes metrics as CSV (per sku-node) and JSON (overall), and prints the comparison table.</summary>
internal static class ReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(EvaluationDataset data, IReadOnlyList<(BacktestResult Result, double Seconds)> results, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var levels = Evaluation.Levels;
        var csv = new StringBuilder("model,sku,location,points,weight," + string.Join(',', levels.Select(l => "pinball_" + l.ColumnName)) + ",spl,cov80,width80,crps,bias\n");
        foreach (var (r, _) in results)
        {
            foreach (var (key, m) in r.PerSeries)
            {
                var i80 = m.Intervals.FirstOrDefault(i => Math.Abs(i.Nominal - 0.8) < 1e-9);
                csv.Append(CultureInfo.InvariantCulture, $"{r.Model},{key.Sku},{key.Location},{m.Points},{F(m.Weight)},{string.Join(',', m.Pinball.Select(F))},{F(m.Spl)},{F(i80?.Coverage ?? double.NaN)},{F(i80?.Width ?? double.NaN)},{F(m.Crps)},{F(m.Bias)}\n");
            }
        }

        File.WriteAllText(Path.Combine(outDir, $"metrics_{data.Name}.csv"), csv.ToString());
        var json = results.Select(x => new
        {
            model = x.Result.Model,
            seconds = Math.Round(x.Seconds, 1),
            points = x.Result.Overall.Points,
            pinball = levels.Select((l, j) => new { level = l.Value, value = x.Result.Overall.Pinball[j] }),
            spl = x.Result.Overall.ScaledPinball,
            wspl = x.Result.Overall.Wspl,
            coverage = x.Result.Overall.Coverage,
            intervals = x.Result.Overall.Intervals,
            crps = x.Result.Overall.Crps,
            bias = x.Result.Overall.Bias,
            methods = x.Result.Methods,
        });
        File.WriteAllText(Path.Combine(outDir, $"metrics_{data.Name}.json"), JsonSerializer.Serialize(new { dataset = data.Name, horizon = data.Horizon, results = json }, new JsonSerializerOptions { WriteIndented = true }));
    }

    public static void PrintTable(IReadOnlyList<(BacktestResult Result, double Seconds)> results)
    {
        Console.WriteLine($"{"model",-22} {"pb0.05",9} {"pb0.1",9} {"pb0.5",9} {"pb0.9",9} {"pb0.95",9} {"WSPL",7} {"SPL",7} {"cov80",6} {"cov90",6} {"CRPS",9} {"secs",6}");
        foreach (var (r, s) in results)
        {
            var m = r.Overall;
            var i80 = m.Intervals.First(i => Math.Abs(i.Nominal - 0.8) < 1e-9);
            var i90 = m.Intervals.First(i => Math.Abs(i.Nominal - 0.9) < 1e-9);
            Console.WriteLine(string.Create(Inv, $"{r.Model,-22} {m.Pinball[0],9:F2} {m.Pinball[1],9:F2} {m.Pinball[2],9:F2} {m.Pinball[3],9:F2} {m.Pinball[4],9:F2} {m.Wspl,7:F4} {m.Spl,7:F4} {i80.Coverage,6:F3} {i90.Coverage,6:F3} {m.Crps,9:F2} {s,6:F1}"));
            Console.WriteLine("    methods: " + string.Join(", ", r.Methods.Select(kv => $"{kv.Key}={kv.Value}")));
        }
    }

    private static string F(double v) => v.ToString("R", Inv);
}
