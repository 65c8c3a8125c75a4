using System.Globalization;
using System.Reflection;
using MeioForecast.Core.Planning;
using MeioForecast.Pipeline;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Pipeline.Sharding;
using MeioForecast.Storage.Explanations;
using MeioForecast.Storage.Input;
using MeioForecast.Storage.Models;
using MeioForecast.Storage.Output;
using MeioForecast.Storage.Reports;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Sharding;
using MeioForecast.Storage.Stores;
using Microsoft.Extensions.Logging;

namespace MeioForecast.Worker;

/// <summary>One planning job: load and validate the input folder, plan, and publish a complete run to the output store.</summary>
public sealed partial class PlanningJob(PlanningRun run, TimeProvider clock, ILogger<PlanningJob> logger)
{
    /// <summary>Manifest setting naming the registered model the run forecast with, or <see cref="InRunModel"/>.</summary>
    public const string ForecastModelSetting = "forecast_model";

    /// <summary>Value of <see cref="ForecastModelSetting"/> when the run trained its forecaster itself.</summary>
    public const string InRunModel = "in-run";

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
        var input = request.Shard is { } only ? PlanningInputLoader.Load(inputFolder, only) : PlanningInputLoader.Load(inputFolder);
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
            return await PlanAndPublishAsync(input, fingerprint, runId, started, output, progress, request.Models, underLock.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RunLockLostException(runId, output.Description);
        }
    }

    /// <summary>Plans and publishes run <paramref name="runId"/>, or only completes it when its manifest exists already.</summary>
    private async Task<RunManifest> PlanAndPublishAsync(
        PlanningInput input, string fingerprint, string runId, DateTimeOffset started, IOutputStore output, IProgress<RunProgress>? progress, ModelChoice? models, CancellationToken cancellationToken)
    {
        var publisher = new RunPublisher(output);
        if (await publisher.TryCompleteExistingAsync(runId, cancellationToken).ConfigureAwait(false) is { } complete)
        {
            LogAlreadyComplete(logger, runId, output.Description);
            return complete;
        }

        LogLoaded(logger, input.SkuNodes.Count, input.Demand.Count, input.Locations.Count, input.Lanes.Count, input.HistoryEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var (files, settings) = await PlanAsync(input, output, sharded: false, progress, models, cancellationToken).ConfigureAwait(false);
        files = [.. files, RunReportFile.Create(runId, started, SoftwareVersion, settings, files, input)]; // report.html (docs/report.md)
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
        var (files, settings) = await PlanAsync(input, request.Output, sharded: true, request.Progress, request.Models, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        LogPublishing(logger, $"{runId} shard {shard}", request.Output.Description);
        var manifest = new RunManifest(1, runId, started, fingerprint, settings, SoftwareVersion, []);
        return await publisher.PublishAsync(runId, shard, manifest, files, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Plans <paramref name="input"/> and formats the run's files and manifest settings.</summary>
    private async Task<(RunFile[] Files, SortedDictionary<string, string> Settings)> PlanAsync(
        PlanningInput input, IOutputStore output, bool sharded, IProgress<RunProgress>? progress, ModelChoice? models, CancellationToken cancellationToken)
    {
        var (modelId, stage) = await ChooseModelAsync(models, input, cancellationToken).ConfigureAwait(false);
        var result = run.Execute(input, progress, cancellationToken, stage?.CreateForecaster());
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
            [ForecastModelSetting] = modelId ?? InRunModel,
        };
        if (sharded)
        {
            // Run-level summaries are replaced by partial files that `meio finalize` merges exactly (Storage/Sharding/ShardPartials).
            files = ShardPartials.ForShard(files, explanations, result.Service, input.Locations);
        }

        return (files.ToArray(), settings);
    }

    /// <summary>The registered model the run forecasts with (<see cref="ModelChoice"/>), or none (train in the run).</summary>
    private async Task<(string? ModelId, Forecasting.Trained.TrainedStage? Stage)> ChooseModelAsync(ModelChoice? models, PlanningInput input, CancellationToken cancellationToken)
    {
        if (models is null)
        {
            return (null, null);
        }

        var (id, stage, notes) = await models.ResolveAsync(input, cancellationToken).ConfigureAwait(false);
        foreach (var note in notes)
        {
            LogModelNote(logger, note);
        }

        LogModel(logger, id ?? InRunModel, models.Setting);
        return (id, stage);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Forecasting model: {Model} (Forecasting:Model={Setting})")]
    private static partial void LogModel(ILogger logger, string model, string setting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Note}")]
    private static partial void LogModelNote(ILogger logger, string note);

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
