using System.Globalization;
using MeioForecast.Storage.Csv;

namespace MeioForecast.Worker.Tests;

/// <summary>
/// `meio backtest --windows K --step S` on data-samples: one row per window in backtest_windows.csv whose points are the
/// series x horizon of one window and whose pooled points add up to the summary's (the one-window oracle is in
/// Forecasting.Tests); --record then --replay gives byte-identical metric files (the live run is the oracle); bad
/// combinations of options are usage errors (exit 6).
/// </summary>
public sealed class BacktestWindowsCommandTests : IDisposable
{
    private readonly string _output = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private static List<string[]> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        return CsvParser.Parse(reader).Select(r => r.Fields).ToList();
    }

    [Fact]
    public async Task Windows_are_scored_one_by_one()
    {
        var exit = await MeioCli.Create().Parse(["backtest", "--input", TestPaths.DataSamples, "--model", "snaive", "--windows", "3", "--step", "7", "--horizon", "7", "--out", _output]).InvokeAsync();
        Assert.Equal(ExitCodes.Ok, exit);
        var rows = ReadCsv(Path.Combine(_output, "backtest_windows.csv"));
        var series = ReadCsv(Path.Combine(TestPaths.DataSamples, "demand.csv")).Skip(1).Select(r => (r[0], r[1])).Distinct().Count();
        Assert.Equal(["0", "1", "2"], rows.Skip(1).Select(r => r[1]));
        Assert.All(rows.Skip(1), r => Assert.Equal((series * 7).ToString(CultureInfo.InvariantCulture), r[3]));

        // Window k starts k x 7 days before window 0.
        var first = rows.Skip(1).Select(r => DateOnly.Parse(r[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([first[0], first[0].AddDays(-7), first[0].AddDays(-14)], first);
        Assert.True(File.Exists(Path.Combine(_output, "backtest_windows.json")));
    }

    [Fact]
    public async Task Replay_of_a_record_reproduces_the_live_run()
    {
        string[] common = ["backtest", "--input", TestPaths.DataSamples, "--model", "combine", "--windows", "2", "--step", "7", "--horizon", "14",
            "--Forecasting:Stage:Gbdt:MaxOrigins=6", "--Forecasting:Stage:Gbdt:Gbdt:NumIterations=10", "--Forecasting:Stage:Selection:Horizon=14"];
        var live = Path.Combine(_output, "live");
        var replayed = Path.Combine(_output, "replayed");
        var record = Path.Combine(_output, "record");
        Assert.Equal(ExitCodes.Ok, await MeioCli.Create().Parse([.. common, "--out", live, "--record", record]).InvokeAsync());
        Assert.NotEmpty(Directory.GetFiles(record, "forecasts-*.bin.gz"));
        Assert.Equal(ExitCodes.Ok, await MeioCli.Create().Parse([.. common, "--out", replayed, "--replay", record]).InvokeAsync());
        foreach (var file in new[] { "backtest_windows.csv", "backtest_summary.csv", "backtest_series.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(live, file)), File.ReadAllBytes(Path.Combine(replayed, file)));
        }
    }

    [Theory]
    [InlineData("--record {out}/r --replay {out}/r")]
    [InlineData("--windows 3 --origins 2")]
    [InlineData("--replay {out}/no-such-record")]
    public async Task Conflicting_or_missing_options_are_usage_errors(string options)
    {
        var args = options.Replace("{out}", _output, StringComparison.Ordinal).Split(' ');
        var exit = await MeioCli.Create().Parse(["backtest", "--input", TestPaths.DataSamples, "--model", "snaive", .. args, "--out", _output]).InvokeAsync();
        Assert.Equal(ExitCodes.BadConfiguration, exit);
    }
}
