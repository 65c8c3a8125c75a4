using System.Globalization;
using System.Reflection;
using MeioForecast.Core.Planning;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Pipeline.Publishing;
using MeioForecast.Pipeline.Sharding;
using Microsoft.Extensions.Logging;

namespace MeioForecast.Pipeline;

/// <summary>
/// The use case of MeioForecast, one planning job: load and validate the input, take the run lock, plan
/// (<see cref="PlanningRun"/>), explain against the previous run, and publish a complete run (or one shard of it).
/// Input, output and model registry are ports; the adapters (input folder, local folder or blob storage) are the host's.
/// </summary>
public sealed partial class PlanningJob(PlanningRun run, TimeProvider clock, ILogger<PlanningJob> logger)
{
    /// <summary>Manifest setting naming the registered model the run forecast with, or <see cref="InRunModel"/>.</summary>
    public const string ForecastModelSetting = "forecast_model";

    /// <summary>Value of <see cref="ForecastModelSetting"/> when the run trained its forecaster itself.</summary>
    public const string InRunModel = "in-run";

    /// <summary>The software version written into manifests.</summary>
    public static string SoftwareVersion { get; } =
        typeof(PlanningJob).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>
    /// Runs the job under the run lock: a run that is already complete is only pointed to again (no re-planning);
    /// otherwise it is planned and published, skipping files already written. The run becomes visible (manifest,
    /// latest.json) only when every file is written.
    /// </summary>
    public async Task<PublishedRun> ExecuteAsync(PlanningJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var output = request.Output ?? throw new ArgumentException("The request has no output.", nameof(request));
        var started = clock.GetUtcNow();
        LogLoading(logger, request.Input.Description);
        var input = request.Input.Load(request.Shard);
        var fingerprint = request.Input.Fingerprint();
        var runId = request.RunId
            ?? (request.ScheduledUtc ?? started).ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + fingerprint[..8];
        var scope = new RunScope(runId, request.Shard);
        if (request.Shard is { } shard)
        {
            input = ShardFilter.Apply(input, shard);
        }

        await using var runLock = await output.AcquireLockAsync(scope, request.LockWait, request.LockPollInterval, cancellationToken).ConfigureAwait(false);
        using var underLock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, runLock.Lost);
        try
        {
            if (await output.TryCompleteExistingAsync(scope, fingerprint, underLock.Token).ConfigureAwait(false) is { } complete)
            {
                LogAlreadyComplete(logger, scope.ToString(), output.Description);
                return complete;
            }

            LogLoaded(logger, input.SkuNodes.Count, input.Demand.Count, input.Locations.Count, input.Lanes.Count, input.HistoryEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var planned = await PlanAsync(input, scope, started, fingerprint, request, underLock.Token).ConfigureAwait(false);
            underLock.Token.ThrowIfCancellationRequested();
            LogPublishing(logger, scope.ToString(), output.Description);
            var published = await output.PublishAsync(planned, underLock.Token).ConfigureAwait(false);
            LogPublished(logger, scope.ToString(), published.Files);
            return published with { Figures = RunFigures.Of(planned.Result) };
        }
        catch (OperationCanceledException) when (runLock.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RunLockLostException(runId, output.Description);
        }
    }

    /// <summary>Plans <paramref name="input"/> and explains it against the previous run.</summary>
    private async Task<PlannedRun> PlanAsync(
        PlanningInput input, RunScope scope, DateTimeOffset started, string fingerprint, PlanningJobRequest request, CancellationToken cancellationToken)
    {
        var chosen = await ChooseModelAsync(request.Models, input, cancellationToken).ConfigureAwait(false);
        var result = run.Execute(input, request.Progress, cancellationToken, chosen?.Forecaster);
        var previous = await ReadPreviousDriversAsync(request.Output, cancellationToken).ConfigureAwait(false);
        var against = previous?.AsPrevious();
        var attribution = ExplanationStage.Explain(ExplainedRun.Of(result), against, run.Replanner, cancellationToken);
        var explanations = attribution.Explanations;
        var details = ExplanationStage.Details(explanations, result.ForecastContributions, against is null ? null : previous?.ForecastContributions);
        LogExplained(logger, explanations.Count, against is null ? "single-echelon placement" : previous!.RunId, attribution.Placements, attribution.Elapsed.TotalSeconds);
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["period"] = input.Settings.Period == PeriodKind.Day ? "day" : "week",
            ["horizon"] = input.Settings.Horizon.ToString(CultureInfo.InvariantCulture),
            ["quantile_levels"] = string.Join(';', input.Settings.QuantileLevels.Select(l => l.Value.ToString(CultureInfo.InvariantCulture))),
            ["seed"] = input.Settings.Seed.ToString(CultureInfo.InvariantCulture),
            ["forecast_origin"] = input.HistoryEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["forecaster"] = result.Forecasts.Select(f => f.Method).Distinct().Order(StringComparer.Ordinal).DefaultIfEmpty("none").Aggregate((a, b) => a + ";" + b),
            ["placement"] = result.PlacementMethod,
            [ExplainedAgainstSetting.Key] = against is null ? ExplainedAgainstSetting.None : previous!.RunId,
            [ForecastModelSetting] = chosen?.ModelId ?? InRunModel,
        };
        if (input.Settings.AvailabilitySignal is { } availability)
        {
            settings["availability_signal"] = availability;
        }

        if (input.Settings.PromotionSignal is { } promotion)
        {
            settings["promotion_signal"] = promotion;
        }

        return new PlannedRun(scope, started, fingerprint, SoftwareVersion, settings, input, result) { Explanations = explanations, Details = details, Composition = attribution.Composition };
    }

    /// <summary>The registered model the run forecasts with, or null (train in the run).</summary>
    private async Task<ChosenModel?> ChooseModelAsync(IForecastModelSource? models, PlanningInput input, CancellationToken cancellationToken)
    {
        if (models is null)
        {
            return null;
        }

        var chosen = await models.ResolveAsync(input, cancellationToken).ConfigureAwait(false);
        foreach (var note in chosen.Notes)
        {
            LogModelNote(logger, note);
        }

        LogModel(logger, chosen.ModelId ?? InRunModel, models.Setting);
        return chosen;
    }

    /// <summary>The drivers of the previous complete run; null (explain against single-echelon) when none is readable.</summary>
    private async Task<RunDrivers?> ReadPreviousDriversAsync(IRunSink output, CancellationToken cancellationToken)
    {
        try
        {
            return await output.TryReadPreviousAsync(cancellationToken).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Explained {Nodes} sku-nodes against {Baseline} ({Placements} coalition placements, {Seconds:F2} s)")]
    private static partial void LogExplained(ILogger logger, int nodes, string baseline, int placements, double seconds);

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
