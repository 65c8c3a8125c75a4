using System.Globalization;
using System.Reflection;
using MeioForecast.Core.Planning;
using MeioForecast.Pipeline;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Pipeline.Sharding;
using MeioForecast.Storage.Explanations;
using MeioForecast.Storage.Input;
using MeioForecast.Storage.Output;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Sharding;
using MeioForecast.Storage.Stores;
using Microsoft.Extensions.Logging;

namespace MeioForecast.Worker;

/// <summary>One planning job: load and validate the input folder, plan, and publish a complete run to the output store.</summary>
public sealed partial class PlanningJob(PlanningRun run, TimeProvider clock, ILogger<PlanningJob> logger)
{
    /// <summary>The software version written into manifests.</summary>
    public static string SoftwareVersion { get; } =
        typeof(PlanningJob).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Runs the job; the run becomes visible (manifest, latest.json) only when every file is written.</summary>
    public Task<RunManifest> ExecuteAsync(string inputFolder, IOutputStore output, string? runId, IProgress<RunProgress>? progress, CancellationToken cancellationToken) =>
        ExecuteAsync(new PlanningJobRequest(inputFolder, output) { RunId = runId, Progress = progress }, cancellationToken);

    /// <summary>
    /// Runs the job under the run lock (a lease on runs/&lt;run-id&gt;/run.lock): a run that is already complete is only
    /// pointed to again (no re-planning); otherwise it is planned and published, skipping files already written.
    /// Throws <see cref="RunLockedException"/> when another worker holds the lock longer than <see cref="PlanningJobRequest.LockWait"/>.
    /// </summary>
    public async Task<RunManifest> ExecuteAsync(PlanningJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (inputFolder, output, runId, progress) = (request.InputFolder, request.Output, request.RunId, request.Progress);
        ArgumentNullException.ThrowIfNull(output);
        var started = clock.GetUtcNow();
        LogLoading(logger, inputFolder);
        var input = PlanningInputLoader.Load(inputFolder);
        var fingerprint = PlanningInputLoader.Fingerprint(inputFolder);
        runId ??= (request.ScheduledUtc ?? started).ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + fingerprint[..8];
        RunLayout.ValidateRunId(runId);
        if (request.Shard is { } shard)
        {
            return await ExecuteShardAsync(request with { RunId = runId }, ShardFilter.Apply(input, shard), fingerprint, started, cancellationToken).ConfigureAwait(false);
        }

        await using var runLock = await RunLock.AcquireAsync(output, runId, request.LockWait, request.LockPollInterval, cancellationToken).ConfigureAwait(false);
        var lost = (runLock as IExpiringLease)?.Lost ?? CancellationToken.None;
        using var underLock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lost);
        try
        {
            return await PlanAndPublishAsync(input, fingerprint, runId, started, output, progress, underLock.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RunLockLostException(runId, output.Description);
        }
    }

    /// <summary>Plans and publishes run <paramref name="runId"/>, or only completes it when its manifest exists already.</summary>
    private async Task<RunManifest> PlanAndPublishAsync(
        PlanningInput input, string fingerprint, string runId, DateTimeOffset started, IOutputStore output, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var publisher = new RunPublisher(output);
        if (await publisher.TryCompleteExistingAsync(runId, cancellationToken).ConfigureAwait(false) is { } complete)
        {
            LogAlreadyComplete(logger, runId, output.Description);
            return complete;
        }

        LogLoaded(logger, input.SkuNodes.Count, input.Demand.Count, input.Locations.Count, input.Lanes.Count, input.HistoryEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var (files, settings) = await PlanAsync(input, output, sharded: false, progress, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        LogPublishing(logger, runId, output.Description);
        var manifest = await publisher.PublishAsync(runId, started, fingerprint, settings, SoftwareVersion, files, cancellationToken).ConfigureAwait(false);
        LogPublished(logger, runId, manifest.Files.Count);
        return manifest;
    }

    /// <summary>Plans one shard under its lock and publishes runs/&lt;run-id&gt;/shards/&lt;i&gt;/ (no latest.json).</summary>
    private async Task<RunManifest> ExecuteShardAsync(PlanningJobRequest request, PlanningInput input, string fingerprint, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var (runId, shard) = (request.RunId!, request.Shard!.Value);
        await using var shardLock = await ShardLock.AcquireAsync(request.Output, runId, shard, request.LockWait, request.LockPollInterval, cancellationToken).ConfigureAwait(false);
        var publisher = new ShardPublisher(request.Output);
        if (await publisher.TryReadCompleteAsync(runId, shard, cancellationToken).ConfigureAwait(false) is { } complete)
        {
            LogAlreadyComplete(logger, $"{runId} shard {shard}", request.Output.Description);
            return complete;
        }

        LogLoaded(logger, input.SkuNodes.Count, input.Demand.Count, input.Locations.Count, input.Lanes.Count, input.HistoryEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var (files, settings) = await PlanAsync(input, request.Output, sharded: true, request.Progress, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        LogPublishing(logger, $"{runId} shard {shard}", request.Output.Description);
        var manifest = new RunManifest(1, runId, started, fingerprint, settings, SoftwareVersion, []);
        return await publisher.PublishAsync(runId, shard, manifest, files, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Plans <paramref name="input"/> and formats the run's files and manifest settings.</summary>
    private async Task<(RunFile[] Files, SortedDictionary<string, string> Settings)> PlanAsync(PlanningInput input, IOutputStore output, bool sharded, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var result = run.Execute(input, progress, cancellationToken);
        var previous = await ReadPreviousDriversAsync(output, cancellationToken).ConfigureAwait(false);
        var explanations = ExplanationStage.Explain(result.Drivers, previous?.Drivers, result.Targets);
        var details = ExplanationStage.Details(explanations, result.ForecastContributions, previous?.ForecastContributions);
        LogExplained(logger, explanations.Count, previous?.RunId ?? "single-echelon placement");
        var files = new List<RunFile>
        {
            TargetsCsv.Write(result.Targets),
            ForecastsCsv.Write(result.Forecasts, input.Settings.Period),
            NodeDriversCsv.Write(result.Drivers),
            ExplanationsCsv.Write(explanations),
            ExplanationDetailsCsv.Write(details),
            ForecastContributionsCsv.Write(result.ForecastContributions),
            ExplanationSummaryCsv.Write(explanations, details),
        };
        if (result.Service is { } service)
        {
            files.Add(ServiceMetricsJson.Write(service));
        }

        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["period"] = input.Settings.Period == PeriodKind.Day ? "day" : "week",
            ["horizon"] = input.Settings.Horizon.ToString(CultureInfo.InvariantCulture),
            ["quantile_levels"] = string.Join(';', input.Settings.QuantileLevels.Select(l => l.Value.ToString(CultureInfo.InvariantCulture))),
            ["seed"] = input.Settings.Seed.ToString(CultureInfo.InvariantCulture),
            ["forecast_origin"] = input.HistoryEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["forecaster"] = result.Forecasts.Select(f => f.Method).Distinct().Order(StringComparer.Ordinal).DefaultIfEmpty("none").Aggregate((a, b) => a + ";" + b),
            ["placement"] = result.PlacementMethod,
            [ExplainedAgainstSetting.Key] = previous?.RunId ?? ExplainedAgainstSetting.None,
        };
        if (sharded)
        {
            // Run-level summaries (ranked sentences, service totals) cannot be merged row-wise from shards yet:
            // a sharded run publishes the per-sku files only.
            files.RemoveAll(f => f.Name is ExplanationSummaryCsv.FileName or ServiceMetricsJson.FileName);
        }

        return (files.ToArray(), settings);
    }

    /// <summary>The drivers of the previous complete run; null (explain against single-echelon) when none is readable.</summary>
    private async Task<RunDrivers?> ReadPreviousDriversAsync(IOutputStore output, CancellationToken cancellationToken)
    {
        try
        {
            return await RunDriversReader.TryReadLatestAsync(output, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            LogPreviousUnreadable(logger, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Explained {Nodes} sku-nodes against {Baseline}")]
    private static partial void LogExplained(ILogger logger, int nodes, string baseline);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The previous run is not readable ({Reason}): explaining against single-echelon placement")]
    private static partial void LogPreviousUnreadable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading input from {Folder}")]
    private static partial void LogLoading(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {SkuNodes} sku-nodes ({Series} with demand history), {Locations} locations, {Lanes} lanes; history ends {HistoryEnd}")]
    private static partial void LogLoaded(ILogger logger, int skuNodes, int series, int locations, int lanes, string historyEnd);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} is already complete in {Output}: verified it and pointed latest.json at it, nothing re-planned")]
    private static partial void LogAlreadyComplete(ILogger logger, string runId, string output);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing run {RunId} to {Output}")]
    private static partial void LogPublishing(ILogger logger, string runId, string output);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} complete: {Files} files and the manifest written, latest.json updated")]
    private static partial void LogPublished(ILogger logger, string runId, int files);
}
