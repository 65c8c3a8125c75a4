using System.CommandLine;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Worker.Hosting;
using MeioForecast.Worker.Output;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MeioForecast.Worker.Commands;

/// <summary><c>meio run --input DIR --output DIR|blob://container/prefix [--run-id ID] [--lock-wait S] [--Section:Key=value]</c>: plan once and publish a complete run
/// (<c>--ServiceCheck:Enabled=false</c>, <c>--ServiceCheck:Replications=N</c>, ... set <see cref="ServiceCheckOptions"/>).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Input folder (docs/input-format.md).", Required = true };
        var output = new Option<string>("--output")
        {
            Description = "Output root: a local folder (created if missing), blob://container/prefix (account from AZURE_STORAGE_CONNECTION_STRING or Storage:*), or an https blob URI (managed identity).",
            DefaultValueFactory = _ => "out",
        };
        var lockWait = new Option<int>("--lock-wait") { Description = "Seconds to wait when another worker is writing the same run id (default 0: exit with code 5).", DefaultValueFactory = _ => 0 };
        var runId = new Option<string?>("--run-id") { Description = "Run id (default: UTC time + input fingerprint). Re-running an id resumes it." };
        var command = new Command("run", "Plan once: forecast, place safety stock, and publish runs/<run-id>/ with its manifest and latest.json.")
        {
            input, output, runId, lockWait,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            async () =>
            {
                var configuration = MeioConfiguration.Build(parse.UnmatchedTokens);
                var serviceCheck = configuration.GetSection("ServiceCheck").Get<ServiceCheckOptions>() ?? new ServiceCheckOptions();
                using var services = CliHost.BuildServices(s => s.AddSingleton(new ServiceCalibrator(serviceCheck)));
                var job = services.GetRequiredService<PlanningJob>();
                var storage = StorageOptions.FromConfiguration(configuration);
                var store = await OutputStoreFactory.CreateAsync(parse.GetValue(output)!, storage, cancellationToken).ConfigureAwait(false);
                var request = new PlanningJobRequest(parse.GetValue(input)!, store)
                {
                    RunId = parse.GetValue(runId),
                    Progress = new TerminalProgress(Console.Error),
                    LockWait = TimeSpan.FromSeconds(parse.GetValue(lockWait)),
                };
                var manifest = await job.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
                Console.Out.WriteLine($"run {manifest.RunId}: {store.Description}/runs/{manifest.RunId}");
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }
}
