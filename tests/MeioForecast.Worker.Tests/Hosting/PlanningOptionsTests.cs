using MeioForecast.Forecasting;
using MeioForecast.LightGbm;
using MeioForecast.Worker.Hosting;
using MeioForecast.Worker.Tests.Sharding;
using Microsoft.Extensions.DependencyInjection;

namespace MeioForecast.Worker.Tests.Hosting;

/// <summary>
/// The one composition root (PlanningServices) against the README's exit codes: every planning options section is bound
/// and validated before planning (a bad value exits 6 naming the setting), a machine without LightGBM is a configuration
/// problem for the worker as for `meio run` (6), and a wrong import source is bad input (2) naming the path.
/// </summary>
public sealed class PlanningOptionsTests : IDisposable
{
    private readonly string _output = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Theory]
    [InlineData("--GsmSolver:MaxNodes=0")]
    [InlineData("--GsmSolver:RelativeGapTolerance=1.5")]
    [InlineData("--GsmSolver:NodeLagrangianIterations=-1")]
    [InlineData("--GsmSolver:MaxNodes=many")]
    [InlineData("--Placement:DemandBound=gaussian")]
    [InlineData("--ServiceCheck:Replications=0")]
    public async Task A_bad_planning_option_exits_6_before_anything_is_planned(string setting)
    {
        var exit = await MeioCli.Create().Parse(["run", "--input", TestPaths.SmallInput, "--output", _output, setting]).InvokeAsync();
        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.False(File.Exists(Path.Combine(_output, "latest.json")));
    }

    [Fact]
    public async Task The_gsm_solver_section_is_read_by_meio_run_and_its_error_names_the_setting()
    {
        // Before, GsmSolverOptions was never bound: GsmSolver:MaxNodes=0 planned with the defaults and exited 0.
        var (exit, log) = await MeioProcess.RunAsync("run", "--input", TestPaths.SmallInput, "--output", _output, "--GsmSolver:MaxNodes=0");
        Assert.True(exit == ExitCodes.BadConfiguration, log);
        Assert.Contains("GsmSolver:MaxNodes", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_worker_reads_the_gsm_solver_settings_that_meio_run_reads()
    {
        using var host = WorkerHost.Build([], Settings("0 2 * * *", ("GsmSolver:RelativeGapTolerance", "-0.1")));
        Assert.Equal(ExitCodes.BadConfiguration, await WorkerHost.RunAsync(host, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_worker_whose_forecaster_cannot_load_lightgbm_stops_with_exit_code_6_as_meio_run_does()
    {
        // Before, the worker reported the missing library as an unexpected failure (exit 1) at its first slot.
        var cron = $"{DateTimeOffset.UtcNow.AddSeconds(1.5).Second} * * * * *";
        using var host = WorkerHost.Build([], Settings(cron), services => services.AddSingleton<IForecaster>(new NoLightGbm()));
        var exit = await WorkerHost.RunAsync(host, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(90));
        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.False(File.Exists(Path.Combine(_output, "latest.json")));
    }

    [Fact]
    public async Task Import_from_a_folder_without_the_data_set_exits_2_naming_the_path()
    {
        var source = Path.Combine(_output, "not-the-shared-data");
        var (exit, log) = await MeioProcess.RunAsync("import", "oj", "--source", source, "--out", Path.Combine(_output, "oj"));
        Assert.True(exit == ExitCodes.BadInput, log);
        Assert.Contains(Path.Combine(source, "dominicks-oj", "oj_weekly.csv.gz"), log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal); // no stack trace
    }

    private Dictionary<string, string?> Settings(string cron, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Worker:Input"] = TestPaths.SmallInput,
            ["Worker:Output"] = _output,
            ["Worker:Schedule"] = cron,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A forecaster on a machine without lib_lightgbm: fitting fails as the LightGBM binding does.</summary>
    private sealed class NoLightGbm : IForecaster
    {
        public string Name => "no-lightgbm";

        public IForecastModel Fit(ForecastTrainingData data) =>
            throw new LightGbmUnavailableException("lib_lightgbm.so cannot be loaded: install the LightGBM package (test).");
    }
}
