using System.Text.Json;
using MeioForecast.TestKit;

namespace MeioForecast.Worker.Tests;

/// <summary>`meio optimize` on a research benchmark network.</summary>
public sealed class OptimizeCommandTests : IDisposable
{
    private readonly string _output = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task Bulldozer_is_optimized_to_the_published_total()
    {
        // Graves & Willems (2000), MSOM 2(1): bulldozer at a 30% holding rate, about $633,000 a year.
        var data = ReferenceInstances.DataFolder;
        var path = Path.Combine(_output, "solution.json");
        var exit = await MeioCli.Create().Parse(
        [
            "optimize", "--stages", Path.Combine(data, "bulldozer_stages.csv"), "--arcs", Path.Combine(data, "bulldozer_arcs.csv"),
            "--out", path, "--holding-rate", "0.30",
        ]).InvokeAsync();
        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(path));
        Assert.InRange(json.RootElement.GetProperty("total_cost").GetDouble(), 632_500, 633_500);
        Assert.Equal(22, json.RootElement.GetProperty("stages").GetArrayLength());
        Assert.Equal("TreeDynamicProgram", json.RootElement.GetProperty("method").GetString());
    }

    [Fact]
    public async Task A_cyclic_network_is_bad_input()
    {
        var stages = Path.Combine(_output, "s.csv");
        var arcs = Path.Combine(_output, "a.csv");
        await File.WriteAllTextAsync(stages, "stageName,stageCost,stageTime,avgDemand,stDevDemand,serviceLevel,maxServiceTime\na,1,1,,,,\nb,1,1,5,1,0.95,0\n");
        await File.WriteAllTextAsync(arcs, "from,to\na,b\nb,a\n");
        var exit = await MeioCli.Create().Parse(["optimize", "--stages", stages, "--arcs", arcs, "--out", Path.Combine(_output, "x.json")]).InvokeAsync();
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.False(File.Exists(Path.Combine(_output, "x.json")));
    }
}
