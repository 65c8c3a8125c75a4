using System.Text.Json;
using MeioForecast.Optimization.Gsm;
using MeioForecast.Storage.Input;
using MeioForecast.Storage.Networks;
using MeioForecast.TestKit;

namespace MeioForecast.Storage.Tests.Networks;

public class WillemsNetworkReaderTests
{
    [Fact]
    public void Bulldozer_reads_solves_to_the_published_total_and_round_trips_as_json()
    {
        // Graves & Willems (2000), MSOM 2(1): bulldozer, 30% holding rate, about $633,000 a year.
        var data = ReferenceInstances.DataFolder;
        var network = WillemsNetworkReader.ReadNetwork(Path.Combine(data, "bulldozer_stages.csv"), Path.Combine(data, "bulldozer_arcs.csv"), 0.30);
        Assert.Equal(22, network.Count);
        Assert.Equal(21, network.Arcs.Count);
        var solution = new GsmOptimizer().Solve(network);
        Assert.InRange(solution.TotalCost, 632_500, 633_500);

        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "solution.json");
        GsmSolutionJson.Write(path, solution);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        Assert.Equal(solution.TotalCost, root.GetProperty("total_cost").GetDouble());
        Assert.Equal(0.0, root.GetProperty("gap").GetDouble());
        Assert.True(root.GetProperty("proven_optimal").GetBoolean());
        var stages = root.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(22, stages.Count);
        Assert.Equal(solution.TotalCost, stages.Sum(s => s.GetProperty("cost").GetDouble()), 1e-6);
        foreach (var stage in stages)
        {
            var id = stage.GetProperty("id").GetString()!;
            var t = network.Stages[network.IndexOf(id)].ProcessingTime;
            Assert.Equal(stage.GetProperty("SI").GetInt32() + t - stage.GetProperty("S").GetInt32(), stage.GetProperty("tau").GetInt32());
        }
    }

    [Fact]
    public void Every_reference_file_reads_as_the_test_kits_plain_reader_reads_it()
    {
        // Peer: TestKit's non-validating split-on-comma reader of the same trusted fixtures (the optimizer's tests use it).
        foreach (var (stages, arcs) in ReferenceInstances.Files)
        {
            Assert.Equal(ReferenceInstances.ReadStages(stages), WillemsNetworkReader.ReadStages(stages));
            Assert.Equal(ReferenceInstances.ReadArcs(arcs), WillemsNetworkReader.ReadArcs(arcs));
        }
    }

    [Fact]
    public void A_bad_number_is_reported_with_file_line_and_column()
    {
        using var folder = new TempFolder();
        var stages = Path.Combine(folder.Path, "stages.csv");
        File.WriteAllText(stages, "stageName,stageCost,stageTime\na,1,2\nb,x,3\n");
        var ex = Assert.Throws<InputValidationException>(() => WillemsNetworkReader.ReadStages(stages));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("stages.csv", 3, "stageCost", InputRule.UnparsableNumber), (error.File, error.Line, error.Column, error.Rule));
    }

    [Fact]
    public void A_missing_column_is_reported()
    {
        using var folder = new TempFolder();
        var arcs = Path.Combine(folder.Path, "arcs.csv");
        File.WriteAllText(arcs, "from,too\na,b\n");
        var ex = Assert.Throws<InputValidationException>(() => WillemsNetworkReader.ReadArcs(arcs));
        Assert.Equal(InputRule.MissingColumn, Assert.Single(ex.Errors).Rule);
    }
}
