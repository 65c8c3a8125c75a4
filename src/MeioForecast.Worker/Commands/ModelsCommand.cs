using System.CommandLine;
using MeioForecast.Storage.Models;
using MeioForecast.Worker.Hosting;

namespace MeioForecast.Worker.Commands;

/// <summary>
/// <c>meio models list|compare A B|approve ID --models DIR|URI [--json]</c>: the model registry (docs/model-registry.md).
/// In <c>compare</c>, the id <c>approved</c> names the newest approved model (none: only A is shown).
/// </summary>
internal static class ModelsCommand
{
    /// <summary>The alias of the newest approved model in <c>meio models compare</c>.</summary>
    public const string ApprovedAlias = "approved";

    public static Command Create()
    {
        var command = new Command("models", "The model registry: list the registered models, compare two side by side, approve one.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Compare());
        command.Subcommands.Add(Approve());
        return command;
    }

    private static Option<string?> ModelsOption() =>
        new("--models") { Description = "Model registry: a local folder, blob://container/prefix or an https blob URI (default: the Forecasting:Models setting)." };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print the exact stored values as JSON instead of a table." };

    private static Command List()
    {
        var models = ModelsOption();
        var json = JsonOption();
        var command = new Command("list", "List the complete registered models, newest first, with their status and backtest WSPL / cov80.") { models, json };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            async () =>
            {
                var registry = await OpenAsync(parse, models, cancellationToken).ConfigureAwait(false);
                var all = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
                Console.Out.Write(parse.GetValue(json) ? ModelsTable.Json(all) : ModelsTable.List(all));
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static Command Compare()
    {
        var a = new Argument<string>("A") { Description = "A model id." };
        var b = new Argument<string>("B") { Description = $"Another model id, or '{ApprovedAlias}' for the newest approved model." };
        var models = ModelsOption();
        var json = JsonOption();
        var command = new Command("compare", "Print two models' backtest metrics side by side: WSPL, cov80, width80, pinball loss per quantile level.") { a, b, models, json };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            async () =>
            {
                var registry = await OpenAsync(parse, models, cancellationToken).ConfigureAwait(false);
                var first = await registry.TryGetAsync(parse.GetValue(a)!, cancellationToken).ConfigureAwait(false)
                    ?? throw new ModelUnavailableException($"Model '{parse.GetValue(a)}' is not in {registry.Description} (or is incomplete).");
                RegisteredModel? second;
                if (parse.GetValue(b) == ApprovedAlias)
                {
                    second = (await registry.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(m => m.Approval is not null && m.Manifest.ModelId != first.Manifest.ModelId);
                    if (second is null)
                    {
                        await Console.Error.WriteLineAsync($"no approved model other than {first.Manifest.ModelId} in {registry.Description}").ConfigureAwait(false);
                    }
                }
                else
                {
                    second = await registry.TryGetAsync(parse.GetValue(b)!, cancellationToken).ConfigureAwait(false)
                        ?? throw new ModelUnavailableException($"Model '{parse.GetValue(b)}' is not in {registry.Description} (or is incomplete).");
                }

                RegisteredModel[] shown = second is null ? [first] : [first, second];
                Console.Out.Write(parse.GetValue(json) ? ModelsTable.Json(shown) : ModelsTable.Compare(shown));
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static Command Approve()
    {
        var id = new Argument<string>("ID") { Description = "The model id to approve." };
        var note = new Option<string>("--note") { Description = "Free text recorded with the approval (e.g. the gate's verdict).", DefaultValueFactory = _ => string.Empty };
        var models = ModelsOption();
        var command = new Command("approve", "Approve a complete model: runs with Forecasting:Model=latest use the newest approved model that fits their input.") { id, note, models };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            async () =>
            {
                var registry = await OpenAsync(parse, models, cancellationToken).ConfigureAwait(false);
                var approval = await registry.ApproveAsync(parse.GetValue(id)!, DateTimeOffset.UtcNow, parse.GetValue(note)!, cancellationToken).ConfigureAwait(false);
                Console.Out.WriteLine($"model {approval.ModelId} approved");
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static async Task<ModelRegistry> OpenAsync(ParseResult parse, Option<string?> models, CancellationToken cancellationToken) =>
        await ModelStoreOptions.OpenAsync(parse.GetValue(models), MeioConfiguration.Build(parse.UnmatchedTokens), cancellationToken).ConfigureAwait(false)
            ?? throw new ConfigurationException($"meio models needs a model registry: --models DIR|URI or {ModelStoreOptions.ModelsKey}.");
}
