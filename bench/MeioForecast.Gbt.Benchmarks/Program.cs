using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using MeioForecast.Forecasting.Gbt;

// Trains MeioForecast's quantile GBDT on a set written by scripts/make_data.py, with the same settings as
// scripts/sklearn_bench.py, and prints one JSON line; with --sklearn FILE (that script's JSON line) it also prints the
// ratios ours/sklearn. Run everything with scripts/run.sh (see README.md).
var a = Args.Parse(args);
var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(a.Data, $"{a.Set}.meta.json"))).RootElement;
var names = meta.GetProperty("features").EnumerateArray().Select(e => e.GetString()!).ToArray();
var cats = meta.GetProperty("categorical").EnumerateArray().Select(e => e.GetBoolean()).ToArray();
var train = Read(Path.Combine(a.Data, $"{a.Set}.train.bin"), meta.GetProperty("n_train").GetInt32());
var rawBytes = (long)train.RowCount * train.FeatureCount * sizeof(double);
var options = new GbdtOptions
{
    Objective = GbdtObjective.Quantile, Alpha = a.Alpha, NumIterations = a.Iters, NumLeaves = a.Leaves,
    LearningRate = a.Lr, MinDataInLeaf = a.MinLeaf, MaxBin = 255, LambdaL2 = 0, NumThreads = a.Threads,
    MinSumHessianInLeaf = 0,
};
GC.Collect();
var before = Process.GetCurrentProcess().WorkingSet64;
var alloc0 = GC.GetTotalAllocatedBytes(true);
var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
var sw = Stopwatch.StartNew();
var model = new GbdtTrainer(options).Fit(train);
var trainS = sw.Elapsed.TotalSeconds;
var trainCpuS = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
var allocMb = (GC.GetTotalAllocatedBytes(true) - alloc0) / 1048576.0;
var peak = Process.GetCurrentProcess().PeakWorkingSet64;
var test = Read(Path.Combine(a.Data, $"{a.Set}.test.bin"), meta.GetProperty("n_test").GetInt32());
sw.Restart();
var pred = model.Predict(test, a.Threads);
var predictS = sw.Elapsed.TotalSeconds;
var pinball = 0.0;
for (var i = 0; i < pred.Length; i++)
{
    var d = test.Label![i] - pred[i];
    pinball += d >= 0 ? a.Alpha * d : (a.Alpha - 1) * d;
}

pinball /= pred.Length;
var ours = new Dictionary<string, object>
{
    ["set"] = a.Set, ["alpha"] = a.Alpha, ["threads"] = a.Threads, ["train_s"] = Math.Round(trainS, 3), ["train_cpu_s"] = Math.Round(trainCpuS, 3),
    ["predict_s"] = Math.Round(predictS, 4), ["pinball"] = pinball, ["trees"] = model.TreeCount,
    ["raw_matrix_mb"] = Math.Round(rawBytes / 1048576.0, 1), ["ws_before_fit_mb"] = Math.Round(before / 1048576.0, 1),
    ["peak_ws_mb"] = Math.Round(peak / 1048576.0, 1), ["peak_over_raw"] = Math.Round((double)peak / rawBytes, 3),
    ["fit_allocated_mb"] = Math.Round(allocMb, 1),
};
Console.WriteLine(JsonSerializer.Serialize(ours));
if (a.Sklearn is not null)
{
    var sk = JsonDocument.Parse(File.ReadAllText(a.Sklearn)).RootElement;
    var skTrain = sk.GetProperty("train_s").GetDouble();
    var skCpu = sk.GetProperty("train_cpu_s").GetDouble();
    var skPredict = sk.GetProperty("predict_s").GetDouble();
    var skPinball = sk.GetProperty("pinball").GetDouble();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RESULT set={a.Set} alpha={a.Alpha} threads={a.Threads} train_s ours={trainS:F2} sklearn={skTrain:F2} " +
        $"ratio={trainS / skTrain:F3} | train_cpu_s ours={trainCpuS:F2} sklearn={skCpu:F2} ratio={trainCpuS / skCpu:F3} | predict_s ours={predictS:F3} sklearn={skPredict:F3} ratio={predictS / skPredict:F3} | " +
        $"pinball ours={pinball:G6} sklearn={skPinball:G6} ratio={pinball / skPinball:F4} | " +
        $"peak_ws/raw_matrix={(double)peak / rawBytes:F2}"));
}

GbdtDataset Read(string path, int n)
{
    using var fs = File.OpenRead(path);
    var cols = new double[names.Length][];
    for (var f = 0; f < cols.Length; f++)
    {
        cols[f] = new double[n];
        fs.ReadExactly(MemoryMarshal.AsBytes(cols[f].AsSpan()));
    }

    var y = new double[n];
    fs.ReadExactly(MemoryMarshal.AsBytes(y.AsSpan()));
    return new GbdtDataset(names, cols, y, null, cats);
}

internal sealed record Args(
    string Data, string Set, double Alpha, int Iters, int Leaves, double Lr, int MinLeaf, int Threads, string? Sklearn)
{
    public static Args Parse(string[] argv)
    {
        string Get(string key, string? fallback = null)
        {
            var i = Array.IndexOf(argv, key);
            return i >= 0 && i + 1 < argv.Length ? argv[i + 1]
                : fallback ?? throw new ArgumentException($"missing {key}");
        }

        double D(string key, string fallback) => double.Parse(Get(key, fallback), CultureInfo.InvariantCulture);
        int I(string key, string fallback) => int.Parse(Get(key, fallback), CultureInfo.InvariantCulture);
        var sk = Array.IndexOf(argv, "--sklearn") >= 0 ? Get("--sklearn") : null;
        return new Args(Get("--data"), Get("--set"), D("--alpha", "0.9"), I("--iters", "100"), I("--leaves", "31"),
            D("--lr", "0.1"), I("--min-leaf", "20"), I("--threads", "1"), sk);
    }
}
