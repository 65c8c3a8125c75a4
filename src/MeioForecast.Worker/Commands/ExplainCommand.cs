using System.CommandLine;
using System.Globalization;
using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drilldown;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Storage.Explanations;
using MeioForecast.Storage.Stores;
using MeioForecast.Worker.Hosting;
using MeioForecast.Worker.Output;

namespace MeioForecast.Worker.Commands;

/// <summary>
/// <c>meio explain --run RUN [--output ROOT] [--previous RUN] [--sku X --location Y] [--top N]</c>: prints the explanation
/// of one sku-node (sentence, every driver's contribution to safety stock, base stock and holding cost, and the
/// drill-down of the demand drivers to forecast features) or the top changes of a run. The explanation is recomputed
/// from the runs' node_drivers.csv, explanation_inputs.csv and forecast_contributions.csv (verified against their
/// manifests; <see cref="ExplanationReplay"/>): against <c>--previous</c> when given, else against the run the planning
/// run compared with. Pass the run's <c>--ServiceCheck:*</c> and <c>--Placement:*</c> settings, if it had any.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output") { Description = "Output root holding the runs (local folder or blob://container/prefix).", DefaultValueFactory = _ => "out" };
        var run = new Option<string>("--run") { Description = "The run to explain.", Required = true };
        var previous = new Option<string?>("--previous") { Description = "The run to compare with (default: the one the run was explained against)." };
        var sku = new Option<string?>("--sku") { Description = "Sku of the sku-node to explain (with --location)." };
        var location = new Option<string?>("--location") { Description = "Location of the sku-node to explain (with --sku)." };
        var top = new Option<int>("--top") { Description = "Number of largest changes to print without --sku/--location.", DefaultValueFactory = _ => 10 };
        var command = new Command("explain", "Explain stock changes: which drivers moved each buffer, in exact Shapley contributions that add up.")
        {
            output, run, previous, sku, location, top,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            async () =>
            {
                var configuration = MeioConfiguration.Build(parse.UnmatchedTokens);
                var storage = StorageOptions.FromConfiguration(configuration);
                var store = await OutputStoreFactory.CreateAsync(parse.GetValue(output)!, storage, cancellationToken).ConfigureAwait(false);
                var (skuValue, locationValue) = (parse.GetValue(sku), parse.GetValue(location));
                if ((skuValue is null) != (locationValue is null))
                {
                    Console.Error.WriteLine("--sku and --location go together.");
                    return ExitCodes.BadInput;
                }

                IReadOnlyList<NodeExplanation> explanations;
                IReadOnlyDictionary<SkuNode, IReadOnlyList<ExplanationDetail>> details;
                string against;
                try
                {
                    (explanations, details, against) = await ExplainAsync(store, parse.GetValue(run)!, parse.GetValue(previous), configuration, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException ex)
                {
                    Console.Error.WriteLine(ex.Message);
                    return ExitCodes.BadInput;
                }

                if (skuValue is not null)
                {
                    var key = new SkuNode(skuValue, locationValue!);
                    var node = explanations.FirstOrDefault(e => e.Key == key);
                    if (node is null)
                    {
                        Console.Error.WriteLine($"Run '{parse.GetValue(run)}' has no sku-node {key}.");
                        return ExitCodes.BadInput;
                    }

                    WriteNode(node, details.GetValueOrDefault(node.Key) ?? [], against);
                    return ExitCodes.Ok;
                }

                var count = Math.Max(0, parse.GetValue(top));
                Console.Out.WriteLine($"Run {parse.GetValue(run)} against {against}: the {Math.Min(count, explanations.Count)} largest of {explanations.Count} safety-stock moves");
                foreach (var e in explanations.Take(count))
                {
                    Console.Out.WriteLine(ExplanationSentence.Format(e, details.GetValueOrDefault(e.Key)));
                }

                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static async Task<(IReadOnlyList<NodeExplanation> Explanations, IReadOnlyDictionary<SkuNode, IReadOnlyList<ExplanationDetail>> Details, string Against)> ExplainAsync(
        IOutputStore store, string runId, string? previousId, Microsoft.Extensions.Configuration.IConfiguration configuration, CancellationToken cancellationToken)
    {
        var current = await RunDriversReader.TryReadAsync(store, runId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Run '{runId}' has no node_drivers.csv: it was written before explanations existed.");
        var contributions = current.ForecastContributions ?? new Dictionary<SkuNode, NodeForecastContributions>();
        previousId ??= current.ExplainedAgainst;
        if (previousId is null)
        {
            var first = ExplanationReplay.Explain(current, null, configuration, cancellationToken).Explanations;
            return (first, ExplanationStage.Details(first, contributions, null), "single-echelon placement");
        }

        var previous = await RunDriversReader.TryReadAsync(store, previousId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Run '{previousId}' has no node_drivers.csv: it was written before explanations existed.");
        var explanations = ExplanationReplay.Explain(current, previous, configuration, cancellationToken).Explanations;
        return (explanations, ExplanationStage.Details(explanations, contributions, previous.ForecastContributions), "run " + previousId);
    }

    private static void WriteNode(NodeExplanation node, IReadOnlyList<ExplanationDetail> details, string against)
    {
        Console.Out.WriteLine(ExplanationSentence.Format(node, details));
        var measures = Enum.GetValues<BufferMeasure>();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"against " + (node.Baseline == ExplanationBaseline.PreviousRun ? against : "single-echelon placement"),-28}{"safety stock",14}{"base stock",14}{"holding cost",14}"));
        Console.Out.WriteLine(Line("previous", measures.Select(m => node.Of(m).Baseline)));
        foreach (var driver in BufferDriverNames.All)
        {
            Console.Out.WriteLine(Line("  " + BufferDriverNames.Code(driver), measures.Select(m => node.Contribution(m, driver))));
        }

        Console.Out.WriteLine(Line("current", measures.Select(m => node.Of(m).Total)));
        Console.Out.WriteLine("units: safety and base stock in units, holding cost in currency/year; contributions are exact Shapley values and add up to current - previous.");
        if (details.Count > 0)
        {
            Console.Out.WriteLine("drill-down of the demand drivers (safety stock, units; adds up to each driver's contribution):");
            foreach (var d in details)
            {
                var label = $"  {BufferDriverNames.Code(d.Driver)}: {d.Detail}";
                Console.Out.WriteLine(label.PadRight(56) + d.Contribution.ToString("F3", CultureInfo.InvariantCulture).PadLeft(14));
            }
        }
    }

    private static string Line(string label, IEnumerable<double> values) =>
        label.PadRight(28) + string.Concat(values.Select(v => v.ToString("F3", CultureInfo.InvariantCulture).PadLeft(14)));
}
