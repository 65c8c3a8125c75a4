using System.Globalization;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Baseline;
using MeioForecast.Pipeline;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Pipeline.Explanation.Inputs;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Input;

namespace MeioForecast.Worker.Tests.Explanations;

/// <summary>Explanations on data-samples: additivity on every sku-node, in memory (exact) and in the published files.</summary>
public sealed class SampleRunExplanationTests : IDisposable
{
    private readonly string _output = TestPaths.NewTempFolder();
    private readonly string _changedInput = TestPaths.NewTempFolder();

    public void Dispose()
    {
        Directory.Delete(_output, recursive: true);
        Directory.Delete(_changedInput, recursive: true);
    }

    private static ExplainedRun Plan(PlanningInput input, IReadOnlyList<SeriesForecast> forecasts)
    {
        var plan = NetworkPlan.Build(input);
        var demand = NodeDemand.Build(plan, forecasts);
        var targets = new NetworkPlacement().Place(plan, demand, CancellationToken.None);
        var single = new SingleEchelonPlacement().Place(plan, demand, CancellationToken.None).ToDictionary(t => new SkuNode(t.Sku, t.Location));
        return new ExplainedRun(RunInputs.From(plan, forecasts), targets, NodeDriversBuilder.Build(plan, demand, targets), single);
    }

    [Fact]
    public void Contributions_add_up_on_every_sku_node_of_the_sample_run()
    {
        // Run A: data-samples. Run B: every service target +0.02 (capped), the first lane's lead-time sd doubled and every
        // store's unit cost +10 %, so all drivers but demand move and the optimizer repositions buffers.
        var a = PlanningInputLoader.Load(TestPaths.DataSamples);
        var settings = a.Settings;
        var forecasts = new SeasonalEmpiricalForecaster().Fit(new ForecastTrainingData(settings.Period, a.Demand, a.Signals, settings.Seed))
            .Predict(new ForecastRequest(settings.Horizon, settings.QuantileLevels, a.Signals));
        var b = a with
        {
            SkuNodes = a.SkuNodes.Select(n => n with
            {
                ServiceLevel = Math.Min(0.995, n.ServiceLevel + 0.02),
                UnitCost = a.Locations[n.Key.Location].Type == LocationType.Store ? n.UnitCost * 1.1 : n.UnitCost,
            }).ToList(),
            Lanes = a.Lanes.Select((l, i) => i == 0 ? l with { LeadTime = new LeadTime(l.LeadTime.Mean, 2 * l.LeadTime.StandardDeviation + 0.5) } : l).ToList(),
        };
        var (runA, runB) = (Plan(a, forecasts), Plan(b, forecasts));
        var replanner = new SkuReplanner(new NetworkPlacement(), null, DemandBoundKind.Normal);
        var first = ExplanationStage.Explain(runA, null, replanner, CancellationToken.None).Explanations;
        var second = ExplanationStage.Explain(runB, runA, replanner, CancellationToken.None).Explanations;
        Assert.Equal(a.SkuNodes.Count, first.Count);
        Assert.Equal(a.SkuNodes.Count, second.Count);
        var rowsA = runA.Targets.ToDictionary(t => new SkuNode(t.Sku, t.Location));
        var rowsB = runB.Targets.ToDictionary(t => new SkuNode(t.Sku, t.Location));
        var repositioned = 0;
        foreach (var e in second)
        {
            foreach (var measure in Enum.GetValues<BufferMeasure>())
            {
                Assert.True(BufferAttribution.IsAdditive(e.Of(measure)), $"{e.Key} {measure}: residual {e.Of(measure).Residual}");
            }

            // Against the published targets of both runs: the contributions add up to the published change (1e-9 relative).
            var (before, after) = (rowsA[e.Key], rowsB[e.Key]);
            var scale = Math.Max(1.0, Math.Max(before.SafetyStock, after.SafetyStock));
            Assert.True(Math.Abs(e.SafetyStock.Values.Sum() - (after.SafetyStock - before.SafetyStock)) <= 1e-9 * scale, e.Key.ToString());
            Assert.Equal(0.0, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.DemandLevel));
            Assert.Equal(0.0, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.DemandUncertainty));
            Assert.Equal(0.0, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.Network)); // the network did not change
            if (before.OutboundServiceTime != after.OutboundServiceTime || before.InboundServiceTime != after.InboundServiceTime)
            {
                repositioned++;
            }
        }

        Assert.All(first, e => Assert.Equal(e.SafetyStock.Change, e.Contribution(BufferMeasure.SafetyStock, BufferDriver.Network), 1e-9 * Math.Max(1, Math.Abs(e.SafetyStock.Change))));
        Assert.True(repositioned > 0);
    }

    [Fact]
    public async Task Second_run_publishes_explanations_that_add_up_to_the_published_change()
    {
        // The medium generated input (same generator as data-samples, 8 skus) with a small service check: additivity holds
        // at any size and any number of replications, and each of run B's coalitions re-calibrates its sku network.
        string[] smallServiceCheck = ["--ServiceCheck:Replications=4", "--ServiceCheck:Periods=56", "--ServiceCheck:MaxRounds=2"];
        foreach (var file in Directory.GetFiles(TestPaths.MediumInput))
        {
            File.Copy(file, Path.Combine(_changedInput, Path.GetFileName(file)));
        }

        var skuNodes = Path.Combine(_changedInput, "sku_nodes.csv");
        await File.WriteAllTextAsync(skuNodes, (await File.ReadAllTextAsync(skuNodes)).Replace(",0.95,", ",0.97,", StringComparison.Ordinal));

        // Run B also promotes SKU-003 (depth 0.3) in ISO week 2026-W47, in the future signals only: its forecasts move.
        var signals = Path.Combine(_changedInput, "signals.csv");
        var promoted = (await File.ReadAllLinesAsync(signals)).Select(line =>
        {
            var f = line.Split(',');
            return f[1] == "promotion_depth" && f[4] == "SKU-003" && string.CompareOrdinal(f[0], "2026-11-16") >= 0 && string.CompareOrdinal(f[0], "2026-11-22") <= 0
                ? string.Join(',', f[0], f[1], f[2], "0.3", f[4], f[5])
                : line;
        });
        await File.WriteAllLinesAsync(signals, promoted);
        Assert.Equal(0, await MeioCli.Create().Parse(["run", "--input", TestPaths.MediumInput, "--output", _output, "--run-id", "a", .. smallServiceCheck]).InvokeAsync());
        Assert.Equal(0, await MeioCli.Create().Parse(["run", "--input", _changedInput, "--output", _output, "--run-id", "b", .. smallServiceCheck]).InvokeAsync());

        var targetsA = Read("a", "targets.csv").Skip(1).ToDictionary(r => (r[0], r[1]), r => double.Parse(r[7], CultureInfo.InvariantCulture));
        var targetsB = Read("b", "targets.csv").Skip(1).ToDictionary(r => (r[0], r[1]), r => double.Parse(r[7], CultureInfo.InvariantCulture));
        var explanations = Read("b", "explanations.csv");
        Assert.Equal(["sku", "location", "driver", "contribution", "unit", "measure", "baseline", "previous", "current"], explanations[0]);
        var safety = explanations.Skip(1).Where(r => r[5] == "safety_stock").GroupBy(r => (r[0], r[1])).ToList();
        Assert.Equal(targetsB.Count, safety.Count);
        foreach (var node in safety)
        {
            Assert.Equal(BufferDriverNames.All.Select(BufferDriverNames.Code), node.Select(r => r[2]));
            Assert.All(node, r => Assert.Equal("previous_run", r[6]));
            var sum = node.Sum(r => double.Parse(r[3], CultureInfo.InvariantCulture));
            Assert.Equal(targetsB[node.Key] - targetsA[node.Key], sum, 1e-3); // files round to 4 (targets) and 6 (contributions) decimals
        }

        // The drill-down adds up to the two demand drivers of each sku-node (files round to 6 decimals), only the promoted
        // sku's nodes move on demand, and its customer-facing nodes name the promotion week.
        var details = Read("b", "explanation_details.csv");
        Assert.Equal(["sku", "location", "driver", "detail", "contribution", "unit"], details[0]);
        var demandRows = explanations.Skip(1).Where(r => r[5] == "safety_stock" && r[2] is "demand_level" or "demand_uncertainty")
            .ToDictionary(r => (r[0], r[1], r[2]), r => double.Parse(r[3], CultureInfo.InvariantCulture));
        foreach (var group in details.Skip(1).GroupBy(r => (r[0], r[1], r[2])))
        {
            Assert.Equal("SKU-003", group.Key.Item1);
            Assert.Equal(demandRows[group.Key], group.Sum(r => double.Parse(r[4], CultureInfo.InvariantCulture)), 1e-5);
        }

        Assert.Contains(details.Skip(1), r => r[3] == "promotion week 2026-W47");
        foreach (var (key, value) in demandRows.Where(kv => kv.Value != 0))
        {
            Assert.Contains(details.Skip(1), r => (r[0], r[1], r[2]) == key);
        }

        var summary = Read("b", "explanation_summary.csv");
        Assert.Equal(targetsB.Count, summary.Count - 1);
        var moves = summary.Skip(1).Select(r => Math.Abs(double.Parse(r[6], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(moves.OrderByDescending(m => m), moves);
        Assert.StartsWith("Safety stock at ", summary[1][8], StringComparison.Ordinal);

        // The explain verb reads both runs back: one sku-node, the top moves, and a clear refusal of an unknown node.
        var node0 = safety[0].Key;
        Assert.Equal(0, await MeioCli.Create().Parse(["explain", "--output", _output, "--run", "b", "--sku", node0.Item1, "--location", node0.Item2]).InvokeAsync());
        Assert.Equal(0, await MeioCli.Create().Parse(["explain", "--output", _output, "--run", "b", "--previous", "a", "--top", "3"]).InvokeAsync());
        Assert.Equal(ExitCodes.BadInput, await MeioCli.Create().Parse(["explain", "--output", _output, "--run", "b", "--sku", "NOPE", "--location", "X"]).InvokeAsync());
    }

    private List<string[]> Read(string run, string name)
    {
        using var reader = new StreamReader(Path.Combine(_output, "runs", run, name));
        return CsvParser.Parse(reader).Select(r => r.Fields).ToList();
    }
}
