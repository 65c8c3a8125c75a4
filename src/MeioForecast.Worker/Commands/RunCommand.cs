using System.CommandLine;
using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Global;
using MeioForecast.Forecasting.Selection;
using MeioForecast.Pipeline;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Pipeline.Sharding;
using MeioForecast.Storage.Input;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Sharding;
using MeioForecast.Worker.Hosting;
using MeioForecast.Worker.Output;
using MeioForecast.Worker.Scheduling;
using MeioForecast.Worker.Sharding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeioForecast.Worker.Commands;

/// <summary><c>meio run --input DIR --output DIR|blob://container/prefix [--run-id ID] [--shard i/N [--finalize]] [--slot CRON] [--lock-wait S] [--models DIR|URI] [--Section:Key=value]</c>: plan once and publish a complete run
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
        var shard = new Option<string?>("--shard")
        {
            Description = "Plan only shard i of N (0-based, e.g. 2/8): the skus whose FNV-1a 64 hash mod N is i, written to runs/<run-id>/shards/<i>/; needs --run-id; `meio finalize` publishes the run.",
        };
        var finalize = new Option<bool>("--finalize") { Description = "With --shard: after this shard is published, finalize the run if every shard is complete (the last shard to finish publishes the run)." };
        var models = new Option<string?>("--models")
        {
            Description = "Model registry (local folder or blob URI; default: the Forecasting:Models setting): the run forecasts with the model chosen by Forecasting:Model = latest (default: newest approved model that fits the input, else train in the run) | train | <model-id>.",
        };
        var slot = new Option<string?>("--slot")
        {
            Description = "Cron schedule (UTC) of the trigger: the default run id becomes its latest slot at or before now + the input fingerprint, the same in every shard of one scheduled run.",
        };
        var command = new Command("run", "Plan once: forecast, place safety stock, and publish runs/<run-id>/ with its manifest and latest.json.")
        {
            input, output, runId, shard, finalize, slot, lockWait, models,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            async () =>
            {
                var shardSpec = parse.GetValue(shard) is { } text ? ConfigurationException.Guard(() => ShardSpec.Parse(text)) : (ShardSpec?)null;
                if (parse.GetValue(runId) is { } id)
                {
                    ConfigurationException.Guard(() => RunLayout.ValidateRunId(id));
                }

                DateTimeOffset? slotTime = parse.GetValue(slot) is { } cron ? ScheduleSlot.Previous(ParseCron(cron), DateTimeOffset.UtcNow) : null;
                if (shardSpec is not null && parse.GetValue(runId) is null && slotTime is null)
                {
                    throw new ConfigurationException("--shard needs --run-id or --slot: every shard of a run and `meio finalize` must use the same run id.");
                }

                if (parse.GetValue(finalize) && shardSpec is null)
                {
                    throw new ConfigurationException("--finalize applies to a sharded run (--shard i/N).");
                }

                var configuration = MeioConfiguration.Build(parse.UnmatchedTokens);
                var (services, forecaster) = CliHost.BuildPlanningServices(configuration);
                using var disposeServices = services;
                var job = ConfigurationException.Guard(services.GetRequiredService<PlanningJob>);
                var storage = StorageOptions.FromConfiguration(configuration);
                var registry = await ModelStoreOptions.OpenAsync(parse.GetValue(models), configuration, cancellationToken).ConfigureAwait(false);
                var modelChoice = ModelStoreOptions.Choice(registry, configuration);
                if (modelChoice is not null && forecaster is not null)
                {
                    throw new ConfigurationException("Forecasting:Method=baseline and a model registry exclude each other: drop one.");
                }

                if (shardSpec is not null && forecaster is null && modelChoice is null)
                {
                    await Console.Error.WriteLineAsync(
                        "warning: this shard trains the global forecasting stage on its own skus, so the finalized run will differ from a single-process run; "
                        + "use a registered model (--models, docs/model-registry.md) or --Forecasting:Method=baseline.").ConfigureAwait(false);
                }

                var store = await OutputStoreFactory.CreateAsync(parse.GetValue(output)!, storage, cancellationToken).ConfigureAwait(false);
                var request = new PlanningJobRequest(new InputFolderSource(parse.GetValue(input)!), new StoreRunSink(store))
                {
                    RunId = parse.GetValue(runId),
                    Progress = new TerminalProgress(Console.Error),
                    LockWait = TimeSpan.FromSeconds(parse.GetValue(lockWait)),
                    Shard = shardSpec,
                    ScheduledUtc = slotTime,
                    Models = modelChoice,
                };
                var manifest = await job.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
                Console.Out.WriteLine(shardSpec is { } sh
                    ? $"run {manifest.RunId} shard {sh}: {store.Description}/runs/{manifest.RunId}/shards/{sh.Index}"
                    : $"run {manifest.RunId}: {store.Description}/runs/{manifest.RunId}");
                if (shardSpec is null)
                {
                    Console.Out.WriteLine($"report: {store.Description}/runs/{manifest.RunId}/report.html");
                }

                if (manifest.Figures is { } figures)
                {
                    Console.Out.WriteLine(figures);
                }
                if (parse.GetValue(finalize) && shardSpec is { } done)
                {
                    try
                    {
                        if (await ShardCompletion.FinalizeIfCompleteAsync(store, manifest.RunId, done.Count, TimeSpan.FromSeconds(Math.Max(60, parse.GetValue(lockWait))), cancellationToken).ConfigureAwait(false) is { } run)
                        {
                            Console.Out.WriteLine($"run {run.RunId}: every shard complete, finalized into {store.Description}/runs/{run.RunId}");
                        }
                    }
                    catch (ShardsIncompleteException ex)
                    {
                        await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                        return ExitCodes.ShardsIncomplete;
                    }
                }

                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static CronSchedule ParseCron(string cron)
    {
        try
        {
            return CronSchedule.Parse(cron);
        }
        catch (FormatException ex)
        {
            throw new ConfigurationException($"--slot: {ex.Message}", ex);
        }
    }
}
