using System.CommandLine;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Sharding;
using MeioForecast.Worker.Hosting;
using MeioForecast.Worker.Output;

namespace MeioForecast.Worker.Commands;

/// <summary>
/// <c>meio finalize --run ID --shards N --output DIR|blob://container/prefix [--lock-wait S]</c>: verify every shard of a
/// sharded run, merge them into runs/&lt;run-id&gt;/ and publish its manifest and latest.json (exit 7 when a shard is
/// missing or corrupt: nothing is published).
/// </summary>
internal static class FinalizeCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "The run id given to every `meio run --shard i/N --run-id ID`.", Required = true };
        var shards = new Option<int>("--shards") { Description = "The shard count N.", Required = true };
        var output = new Option<string>("--output")
        {
            Description = "Output root the shards were written to: a local folder, blob://container/prefix, or an https blob URI.",
            DefaultValueFactory = _ => "out",
        };
        var lockWait = new Option<int>("--lock-wait") { Description = "Seconds to wait when another process holds the run's lock (default 0: exit with code 5).", DefaultValueFactory = _ => 0 };
        var command = new Command("finalize", "Verify every shard's manifest, merge the shards into the run's files (byte-identical to a single-process run), then write the run manifest and latest.json.")
        {
            run, shards, output, lockWait,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            async () =>
            {
                var runId = ConfigurationException.Guard(() => RunLayout.ValidateRunId(parse.GetValue(run)!));
                var storage = StorageOptions.FromConfiguration(MeioConfiguration.Build(parse.UnmatchedTokens));
                var store = await OutputStoreFactory.CreateAsync(parse.GetValue(output)!, storage, cancellationToken).ConfigureAwait(false);
                await using var runLock = await RunLock.AcquireAsync(store, runId, TimeSpan.FromSeconds(parse.GetValue(lockWait)), TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                try
                {
                    var manifest = await new ShardFinalizer(store).FinalizeAsync(runId, parse.GetValue(shards), cancellationToken).ConfigureAwait(false);
                    Console.Out.WriteLine($"run {manifest.RunId}: {parse.GetValue(shards)} shards merged into {store.Description}/runs/{manifest.RunId}");
                    return ExitCodes.Ok;
                }
                catch (ShardsIncompleteException ex)
                {
                    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                    return ExitCodes.ShardsIncomplete;
                }
            },
            cancellationToken));
        return command;
    }
}
