using System.Globalization;
using System.Reflection;
using MeioForecast.Core.Planning;
using MeioForecast.Pipeline;
using MeioForecast.Storage.Input;
using MeioForecast.Storage.Output;
using MeioForecast.Storage.Runs;
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
        await using var runLock = await RunLock.AcquireAsync(output, runId, request.LockWait, request.LockPollInterval, cancellationToken).ConfigureAwait(false);
        var publisher = new RunPublisher(output);
        if (await publisher.TryCompleteExistingAsync(runId, cancellationToken).ConfigureAwait(false) is { } complete)
        {
            LogAlreadyComplete(logger, runId, output.Description);
            return complete;
        }

        LogLoaded(logger, input.SkuNodes.Count, input.Demand.Count, input.Locations.Count, input.Lanes.Count, input.HistoryEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var result = run.Execute(input, progress, cancellationToken);
        var files = new List<RunFile>
        {
            TargetsCsv.Write(result.Targets),
            ForecastsCsv.Write(result.Forecasts, input.Settings.Period),
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
        };
        cancellationToken.ThrowIfCancellationRequested();
        LogPublishing(logger, runId, output.Description);
        var manifest = await publisher.PublishAsync(runId, started, fingerprint, settings, SoftwareVersion, files, cancellationToken).ConfigureAwait(false);
        LogPublished(logger, runId, manifest.Files.Count);
        return manifest;
    }

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
