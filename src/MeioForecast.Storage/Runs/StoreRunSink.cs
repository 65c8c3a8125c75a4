using MeioForecast.Pipeline.Explanation;
using MeioForecast.Pipeline.Publishing;
using MeioForecast.Storage.Explanations;
using MeioForecast.Storage.Output;
using MeioForecast.Storage.Reports;
using MeioForecast.Storage.Sharding;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Runs;

/// <summary>
/// Publishes planned runs to an <see cref="IOutputStore"/> (a local folder or blob storage): formats the run's files
/// (docs/output-format.md) and its report, then publishes them with <see cref="RunPublisher"/>, or a shard's files with
/// <see cref="ShardPublisher"/> (run-level summaries replaced by the partials that <c>meio finalize</c> merges).
/// </summary>
/// <param name="store">The output store.</param>
public sealed class StoreRunSink(IOutputStore store) : IRunSink
{
    /// <inheritdoc/>
    public string Description => store.Description;

    /// <inheritdoc/>
    public async Task<IRunLease> AcquireLockAsync(RunScope scope, TimeSpan wait, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        RunLayout.ValidateRunId(scope.RunId);
        var lease = scope.Shard is { } shard
            ? await ShardLock.AcquireAsync(store, scope.RunId, shard, wait, pollInterval, cancellationToken).ConfigureAwait(false)
            : await RunLock.AcquireAsync(store, scope.RunId, wait, pollInterval, cancellationToken).ConfigureAwait(false);

        // Under the lock nobody else writes this folder: temporary files in it are left by a killed or failed attempt.
        var folder = scope.Shard is { } own ? ShardLayout.ShardFolder(scope.RunId, own.Index) : RunLayout.RunFolder(scope.RunId);
        await store.RemoveTemporaryFilesAsync(folder, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return new Lease(lease);
    }

    /// <inheritdoc/>
    public async Task<PublishedRun?> TryCompleteExistingAsync(RunScope scope, string inputFingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        RunManifest? manifest;
        if (scope.Shard is { } shard)
        {
            manifest = await new ShardPublisher(store).TryReadCompleteAsync(scope.RunId, shard, cancellationToken).ConfigureAwait(false);
            if (manifest is not null && manifest.InputFingerprint != inputFingerprint)
            {
                throw new RunInputMismatchException(scope.ToString(), store.Description, manifest.InputFingerprint, inputFingerprint);
            }
        }
        else
        {
            manifest = await new RunPublisher(store).TryCompleteExistingAsync(scope.RunId, inputFingerprint, cancellationToken).ConfigureAwait(false);
        }

        return manifest is null ? null : new PublishedRun(manifest.RunId, manifest.Files.Count);
    }

    /// <inheritdoc/>
    public Task<RunDrivers?> TryReadPreviousAsync(CancellationToken cancellationToken) => RunDriversReader.TryReadLatestAsync(store, cancellationToken);

    /// <inheritdoc/>
    public async Task<PublishedRun> PublishAsync(PlannedRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var files = Format(run);
        RunManifest manifest;
        if (run.Scope.Shard is { } shard)
        {
            // Run-level summaries are replaced by partial files that `meio finalize` merges exactly (Sharding/ShardPartials).
            files = ShardPartials.ForShard(files, run.Explanations, run.Result.Service, run.Input.Locations);
            var withoutFiles = new RunManifest(1, run.Scope.RunId, run.Started, run.Fingerprint, run.Settings, run.SoftwareVersion, []);
            manifest = await new ShardPublisher(store).PublishAsync(run.Scope.RunId, shard, withoutFiles, files, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            files.Add(RunReportFile.Create(run.Scope.RunId, run.Started, run.SoftwareVersion, run.Settings, files, run.Input)); // report.html (docs/report.md)
            cancellationToken.ThrowIfCancellationRequested();
            manifest = await new RunPublisher(store).PublishAsync(run.Scope.RunId, run.Started, run.Fingerprint, run.Settings, run.SoftwareVersion, files, cancellationToken).ConfigureAwait(false);
        }

        return new PublishedRun(manifest.RunId, manifest.Files.Count);
    }

    /// <summary>The run's files (docs/output-format.md), in the order the report reads them.</summary>
    private static List<RunFile> Format(PlannedRun run)
    {
        var result = run.Result;
        var files = new List<RunFile>
        {
            TargetsCsv.Write(result.Targets),
            ForecastsCsv.Write(result.Forecasts, run.Input.Settings.Period),
            NodeDriversCsv.Write(result.Drivers),
            ExplanationsCsv.Write(run.Explanations),
            ExplanationsCsv.Write(run.Composition, ExplanationsCsv.CompositionFileName),
            ExplanationDetailsCsv.Write(run.Details),
            ForecastContributionsCsv.Write(result.ForecastContributions),
            ExplanationSummaryCsv.Write(run.Explanations, run.Details),
        };
        if (result.Inputs is { } inputs)
        {
            files.Add(ExplanationInputsCsv.Write(inputs));
        }
        if (result.Service is { } service)
        {
            files.Add(ServiceMetricsJson.Write(service));
        }

        return files;
    }

    /// <summary>The store's lease as the pipeline's run lock; a lease that cannot expire is never lost.</summary>
    private sealed class Lease(IAsyncDisposable inner) : IRunLease
    {
        public CancellationToken Lost => (inner as IExpiringLease)?.Lost ?? CancellationToken.None;

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
