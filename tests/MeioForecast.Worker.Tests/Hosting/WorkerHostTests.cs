using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Baseline;
using MeioForecast.Forecasting.Selection;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;
using MeioForecast.Storage.Stores.Azure;
using MeioForecast.Storage.Tests.Azure;
using MeioForecast.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MeioForecast.Worker.Tests.Hosting;

/// <summary>The hosted worker (`meio worker`) on a schedule that fires within about a second, writing to Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerHostTests(AzuriteFixture azurite)
{
    /// <summary>
    /// A 6-field cron that fires once a minute, at the second about 1.5 s from now: the first slot comes within about two
    /// seconds (a minute later if the host started slowly), and the next one is a minute away, so exactly one run happens.
    /// </summary>
    private static string SoonOncePerMinute() => $"{DateTimeOffset.UtcNow.AddSeconds(1.5).Second} * * * * *";

    private Dictionary<string, string?> Settings(string container, string cron) => new()
    {
        ["Worker:Input"] = TestPaths.SmallInput,
        ["Worker:Output"] = $"blob://{container}/worker",
        ["Worker:Schedule"] = cron,
        ["Storage:ConnectionString"] = azurite.ConnectionString,
        ["Storage:CreateContainerIfMissing"] = "true",

        // A small service check keeps a run well inside the one-minute slot.
        ["ServiceCheck:Replications"] = "4",
        ["ServiceCheck:Periods"] = "56",
        ["ServiceCheck:MaxRounds"] = "2",
    };

    private AzureBlobStore Store(string container) =>
        new(azurite.ConnectionString, container, "worker", AzuriteFixture.FastOptions);

    [Fact]
    public async Task The_worker_publishes_one_complete_run_at_its_slot_and_exits_0_when_cancelled()
    {
        var container = azurite.NewContainerName("worker");
        var started = DateTimeOffset.UtcNow;
        var cron = SoonOncePerMinute();
        using var host = WorkerHost.Build([], Settings(container, cron));
        var state = host.Services.GetRequiredService<WorkerExitState>();
        var completed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        state.RunCompleted += (_, runId) => completed.TrySetResult(runId);
        using var stop = new CancellationTokenSource();
        var running = WorkerHost.RunAsync(host, stop.Token);

        var runId = await completed.Task.WaitAsync(TimeSpan.FromSeconds(90));
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Ok, await running.WaitAsync(TimeSpan.FromSeconds(30)));

        // The run id is the slot time plus the input fingerprint, and it is the one verified run latest.json points to.
        var slot = DateTimeOffset.ParseExact(runId[..16], "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.Equal(int.Parse(cron.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), slot.Second);
        // The first slot after the worker started (its second comes round within a minute), not a later one; bounded by
        // the clock, not by how long the run took, so that a loaded machine does not fail it.
        Assert.InRange(slot, started.AddSeconds(-1), started.AddSeconds(62));
        var store = Store(container);
        var latest = await new RunReader(store).TryReadLatestAsync(default);
        Assert.Equal(runId, latest!.Manifest.RunId);
        var manifests = new List<string>();
        await foreach (var item in store.ListAsync("runs/", default))
        {
            if (item.Path.EndsWith("/" + RunLayout.ManifestName, StringComparison.Ordinal))
            {
                manifests.Add(item.Path);
            }
        }

        Assert.Equal([RunLayout.Manifest(runId)], manifests);
        Assert.Equal((1, 0, false), (state.CompletedRuns, state.FailedRuns, state.AbandonedRun));
    }

    [Fact]
    public async Task Stopping_the_worker_in_the_middle_of_a_run_exits_4_and_publishes_nothing()
    {
        var container = azurite.NewContainerName("abandon");
        var cron = SoonOncePerMinute();
        using var stop = new CancellationTokenSource();
        using var host = WorkerHost.Build([], Settings(container, cron), services =>
            services.AddSingleton(new OutputStoreDecorator(inner => new StopOnFirstRunFileStore(inner, stop))));
        var exit = await WorkerHost.RunAsync(host, stop.Token).WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(ExitCodes.Cancelled, exit);
        Assert.True(stop.IsCancellationRequested);
        var store = Store(container);
        Assert.Null(await store.TryReadAsync(RunLayout.LatestPath, default));
        await foreach (var item in store.ListAsync("", default))
        {
            Assert.False(item.Path.EndsWith(RunLayout.ManifestName, StringComparison.Ordinal), $"a manifest was published: {item.Path}");
        }
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_at_start_with_exit_code_6()
    {
        var settings = Settings(azurite.NewContainerName("invalid"), "61 * * * *");
        using var host = WorkerHost.Build([], settings);
        Assert.Equal(ExitCodes.BadConfiguration, await WorkerHost.RunAsync(host, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task The_worker_reads_the_placement_settings_that_meio_run_reads()
    {
        // Before, the worker never bound the Placement section: Placement:DemandBound went unread (and a typo unnoticed).
        var settings = Settings(azurite.NewContainerName("placement"), "0 2 * * *");
        settings["Placement:DemandBound"] = "gaussian";
        using var host = WorkerHost.Build([], settings);
        Assert.Equal(ExitCodes.BadConfiguration, await WorkerHost.RunAsync(host, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task The_worker_reads_the_forecasting_stage_settings_that_meio_run_reads()
    {
        // Before, the worker built the default stage whatever Forecasting:Stage said: Origins = 0 (range 1..12) went unnoticed.
        var settings = Settings(azurite.NewContainerName("stage"), "0 2 * * *");
        settings["Forecasting:Stage:Selection:Origins"] = "0";
        using (var host = WorkerHost.Build([], settings))
        {
            Assert.Equal(ExitCodes.BadConfiguration, await WorkerHost.RunAsync(host, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        }

        settings.Remove("Forecasting:Stage:Selection:Origins");
        using (var host = WorkerHost.Build([], settings))
        {
            Assert.IsType<SelectingForecaster>(host.Services.GetRequiredService<IForecaster>());
        }

        settings["Forecasting:Method"] = "baseline";
        using (var host = WorkerHost.Build([], settings))
        {
            Assert.IsType<SeasonalEmpiricalForecaster>(host.Services.GetRequiredService<IForecaster>());
        }
    }

    /// <summary>
    /// Requests shutdown when the run writes its first file, then holds that write until the host cancels the run:
    /// the shutdown lands deterministically in the middle of publishing.
    /// </summary>
    private sealed class StopOnFirstRunFileStore(IOutputStore inner, CancellationTokenSource stop) : IOutputStore
    {
        public string Description => inner.Description;

        public Task<StoredObject?> TryReadAsync(string path, CancellationToken cancellationToken) => inner.TryReadAsync(path, cancellationToken);

        public async Task<string> WriteAsync(string path, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken)
        {
            if (path.StartsWith("runs/", StringComparison.Ordinal) && !stop.IsCancellationRequested)
            {
                await stop.CancelAsync();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return await inner.WriteAsync(path, content, condition, cancellationToken);
        }

        public IAsyncEnumerable<StoredObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

        public Task DeleteAsync(string path, CancellationToken cancellationToken) => inner.DeleteAsync(path, cancellationToken);

        public Task<IAsyncDisposable?> TryAcquireLeaseAsync(string path, CancellationToken cancellationToken) => inner.TryAcquireLeaseAsync(path, cancellationToken);
    }
}
