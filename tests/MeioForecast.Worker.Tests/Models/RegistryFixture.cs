using MeioForecast.Datasets.SampleData;
using MeioForecast.Worker.Tests.Sharding;

namespace MeioForecast.Worker.Tests.Models;

/// <summary>
/// A small generated input (the data-samples generator, seed 42, 6 skus x 3 stores: 48 sku-nodes, 730 days) and a
/// registry with two models trained on it by `meio train` in separate processes: A with the default options (the
/// run's stage), approved; B with 10 trees per quantile, a candidate.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public string Root { get; } = TestPaths.NewTempFolder();

    public string Input => Path.Combine(Root, "input");

    public string Models => Path.Combine(Root, "registry");

    public string ModelA { get; private set; } = "";

    public string ModelB { get; private set; } = "";

    public string TrainLog { get; private set; } = "";

    public async Task InitializeAsync()
    {
        SampleDataGenerator.Write(Input, 42, 6, 3);
        var idA = Path.Combine(Root, "a.id");
        var (exit, log) = await MeioProcess.RunAsync("train", "--input", Input, "--models", Models, "--approve", "--id-file", idA);
        Assert.True(exit == ExitCodes.Ok, log);
        TrainLog = log;
        ModelA = File.ReadAllText(idA).Trim();

        var idB = Path.Combine(Root, "b.id");
        (exit, log) = await MeioProcess.RunAsync("train", "--input", Input, "--models", Models, "--id-file", idB, "--Forecasting:Stage:Gbdt:Gbdt:NumIterations=10");
        Assert.True(exit == ExitCodes.Ok, log);
        ModelB = File.ReadAllText(idB).Trim();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
