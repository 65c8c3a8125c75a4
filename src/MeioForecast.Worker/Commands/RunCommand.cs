using System.CommandLine;
using MeioForecast.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace MeioForecast.Worker.Commands;

/// <summary><c>meio run --input DIR --output DIR [--run-id ID]</c>: plan once and publish a complete run.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Input folder (docs/input-format.md).", Required = true };
        var output = new Option<string>("--output") { Description = "Output root: a local folder (created if missing).", DefaultValueFactory = _ => "out" };
        var runId = new Option<string?>("--run-id") { Description = "Run id (default: UTC time + input fingerprint). Re-running an id resumes it." };
        var command = new Command("run", "Plan once: forecast, place safety stock, and publish runs/<run-id>/ with its manifest and latest.json.")
        {
            input, output, runId,
        };
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            async () =>
            {
                using var services = CliHost.BuildServices();
                var job = services.GetRequiredService<PlanningJob>();
                var store = new LocalFolderStore(parse.GetValue(output)!);
                var manifest = await job.ExecuteAsync(parse.GetValue(input)!, store, parse.GetValue(runId), new TerminalProgress(Console.Error), cancellationToken).ConfigureAwait(false);
                Console.Out.WriteLine($"run {manifest.RunId}: {store.Description}/runs/{manifest.RunId}");
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }
}
