using MeioForecast.Forecasting.Calibration;
using MeioForecast.Forecasting.Selection;
using MeioForecast.Worker.Hosting;
using Microsoft.Extensions.Configuration;

namespace MeioForecast.Worker.Tests.Hosting;

/// <summary>`--settings FILE`: a JSON settings file between the environment and the command line, and the checked-in forecasting profile.</summary>
public sealed class SettingsFileTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_file_is_read_and_command_line_keys_override_it()
    {
        var file = Path.Combine(_folder, "profile.json");
        File.WriteAllText(file, """{ "Forecasting": { "Stage": { "Gbdt": { "HorizonStride": 1, "MaxOrigins": 90 }, "Selection": { "Origins": 2 } } } }""");
        var configuration = MeioConfiguration.Build(["--settings", file, "--Forecasting:Stage:Gbdt:MaxOrigins=120"]);
        var stage = PlanningServices.Stage(configuration);
        Assert.Equal(1, stage.Gbdt.HorizonStride);
        Assert.Equal(120, stage.Gbdt.MaxOrigins);
        Assert.Equal(2, stage.Selection.Origins);
        Assert.Null(configuration["settings"]);

        var equals = PlanningServices.Stage(MeioConfiguration.Build([$"--settings={file}"]));
        Assert.Equal(90, equals.Gbdt.MaxOrigins);
    }

    [Fact]
    public void A_misspelt_option_is_an_error_not_a_setting()
    {
        var error = Assert.Throws<ConfigurationException>(() => MeioConfiguration.Build(["--orgins", "3"]));
        Assert.Contains("'--orgins'", error.Message, StringComparison.Ordinal);
        Assert.Equal("3", MeioConfiguration.Build(["--Forecasting:Stage:Selection:Origins", "3"])["Forecasting:Stage:Selection:Origins"]);
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        var missing = Path.Combine(_folder, "nope.json");
        var error = Assert.Throws<ConfigurationException>(() => MeioConfiguration.Build(["--settings", missing]));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Throws<ConfigurationException>(() => MeioConfiguration.Build(["--settings"]));
    }

    [Theory]
    [InlineData("forecasting-thorough-day.json", 280, null, 3)]
    [InlineData("forecasting-thorough-week.json", null, 2, null)]
    public void The_thorough_forecasting_profiles_bind_to_valid_stage_options(string name, int? maxOrigins, int? originStep, int? selectionOrigins)
    {
        // pipelines/settings/forecasting-thorough-*.json as written in docs/forecasting.md; defaults elsewhere.
        var file = Path.Combine(TestPaths.RepositoryRoot, "pipelines", "settings", name);
        var stage = PlanningServices.Stage(MeioConfiguration.Build(["--settings", file]));
        Assert.Equal(1, stage.Gbdt.HorizonStride);
        Assert.Equal(maxOrigins, stage.Gbdt.MaxOrigins);
        Assert.Equal(originStep, stage.Gbdt.OriginStep);
        Assert.Equal(1_000_000, stage.Gbdt.MaxTrainingRows);
        Assert.Equal(SelectionRule.PooledCombine, stage.Selection.Rule);
        Assert.Equal(selectionOrigins, stage.Selection.Origins);
        Assert.False(stage.Selection.Conformal.AdjustMedian);
        Assert.True(stage.Selection.Conformal.Scaled);
        Assert.Equal(ConformalScale.Width, stage.Selection.Conformal.LocalScale);

        // One conformal key on the command line keeps the stage's other conformal defaults.
        var level = PlanningServices.Stage(MeioConfiguration.Build(["--settings", file, "--Forecasting:Stage:Selection:Conformal:LocalScale=Level"]));
        Assert.Equal(ConformalScale.Level, level.Selection.Conformal.LocalScale);
        Assert.True(level.Selection.Conformal.Scaled);
        Assert.False(level.Selection.Conformal.PerStep);
    }
}
