using MeioForecast.Storage.Csv;

namespace MeioForecast.Worker.Tests;

/// <summary>`meio backtest` on data-samples: exit codes, files, and scored points = series x horizon x origins.</summary>
public sealed class BacktestCommandTests : IDisposable
{
    private readonly string _output = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private static List<string[]> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        return CsvParser.Parse(reader).Select(r => r.Fields).ToList();
    }

    [Fact]
    public async Task Backtest_writes_summary_and_per_series_metrics()
    {
        var exit = await MeioCli.Create().Parse(["backtest", "--input", TestPaths.DataSamples, "--model", "snaive", "--origins", "2", "--horizon", "7", "--out", _output]).InvokeAsync();
        Assert.Equal(ExitCodes.Ok, exit);
        var summary = ReadCsv(Path.Combine(_output, "backtest_summary.csv"));
        Assert.Equal("model", summary[0][0]);
        Assert.Equal("snaive", summary[1][0]);
        // Every demand series has history up to the common end: 7 steps x 2 origins each, all scored.
        var series = ReadCsv(Path.Combine(TestPaths.DataSamples, "demand.csv")).Skip(1).Select(r => (r[0], r[1])).Distinct().Count();
        Assert.Equal((series * 14).ToString(System.Globalization.CultureInfo.InvariantCulture), summary[1][1]);
        Assert.Equal(series + 1, ReadCsv(Path.Combine(_output, "backtest_series.csv")).Count);
        Assert.True(File.Exists(Path.Combine(_output, "backtest_summary.json")));
    }

    [Fact]
    public async Task Each_model_is_reported_under_the_name_asked_for()
    {
        // gbdt-stage is a SelectingForecaster (own name "combine"): its rows must say gbdt-stage.
        var exit = await MeioCli.Create().Parse(["backtest", "--input", TestPaths.MediumInput, "--model", "gbdt-stage", "--origins", "1", "--horizon", "7", "--out", _output]).InvokeAsync();
        Assert.Equal(ExitCodes.Ok, exit);
        var summary = ReadCsv(Path.Combine(_output, "backtest_summary.csv"));
        Assert.Equal(["gbdt-stage"], summary.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task Unknown_model_is_bad_input()
    {
        var exit = await MeioCli.Create().Parse(["backtest", "--input", TestPaths.DataSamples, "--model", "prophet", "--out", _output]).InvokeAsync();
        Assert.Equal(ExitCodes.BadInput, exit);
    }
}
