using MeioForecast.Pipeline;
using MeioForecast.Storage.Input;
using MeioForecast.Storage.Models;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;
using MeioForecast.Worker.Commands;
using MeioForecast.Worker.Output;
using MeioForecast.Worker.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeioForecast.Worker.Hosting;

/// <summary>
/// <c>meio worker</c>: runs the planning job at every slot of a UTC cron schedule until the host stops. A slot's run id
/// is its time plus the input fingerprint, so a worker restarted within a slot resumes the same run, and two replicas
/// firing the same slot share one run (the run lock lets one write it). On shutdown (SIGTERM) the current run is
/// abandoned at the next step boundary and nothing of it is published; a failed run is logged and the next slot runs.
/// </summary>
internal sealed partial class ScheduledPlanningService(
    PlanningJob job,
    IOptions<WorkerOptions> workerOptions,
    IOptions<StorageOptions> storageOptions,
    TimeProvider clock,
    WorkerExitState state,
    IHostApplicationLifetime lifetime,
    ILogger<ScheduledPlanningService> logger,
    IEnumerable<OutputStoreDecorator> decorators,
    IConfiguration configuration) : BackgroundService
{
    private ModelChoice? _models;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var options = workerOptions.Value;
        var schedule = CronSchedule.Parse(options.Schedule);
        IOutputStore store;
        try
        {
            store = await OutputStoreFactory.CreateAsync(options.Output, storageOptions.Value, stoppingToken).ConfigureAwait(false);
            store = decorators.Aggregate(store, (current, decorator) => decorator.Wrap(current));
            _models = ModelStoreOptions.Choice(await ModelStoreOptions.OpenAsync(null, configuration, stoppingToken).ConfigureAwait(false), configuration);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            LogStoreUnusable(logger, options.Output, SecretRedactor.Redact(ex.Message));
            state.FatalExitCode = ex is ArgumentException ? ExitCodes.BadConfiguration : ExitCodes.StorageFailure;
            lifetime.StopApplication();
            return;
        }

        LogStarted(logger, schedule.Expression, options.Input, store.Description);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            if (schedule.Next(now) is not { } slot)
            {
                LogNoMoreSlots(logger, schedule.Expression);
                break;
            }

            LogNextSlot(logger, slot);
            try
            {
                // Timers take at most about 49 days: wait in steps of a day until the slot.
                for (var wait = slot - now; wait > TimeSpan.Zero; wait = slot - clock.GetUtcNow())
                {
                    await Task.Delay(wait < TimeSpan.FromDays(1) ? wait : TimeSpan.FromDays(1), clock, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await RunSlotAsync(options, store, slot, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (CliHost.MissingLightGbm(ex) is { } missing)
            {
                // Not a bug: the machine cannot load lib_lightgbm or libgomp (exit code 6, as meio run); every slot would fail alike.
                LogUnusableSetup(logger, missing.Message);
                state.FatalExitCode = ExitCodes.BadConfiguration;
                lifetime.StopApplication();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bug, not a data or storage problem: stop with the generic failure code rather than loop on it.
                LogUnexpected(logger, ex.GetType().Name, SecretRedactor.Redact(ex.Message));
                state.FatalExitCode = ExitCodes.Failure;
                lifetime.StopApplication();
                return;
            }
        }

        LogStopped(logger, state.CompletedRuns, state.FailedRuns);
    }

    private async Task RunSlotAsync(WorkerOptions options, IOutputStore store, DateTimeOffset slot, CancellationToken stoppingToken)
    {
        var request = new PlanningJobRequest(new InputFolderSource(options.Input), new StoreRunSink(store)) { ScheduledUtc = slot, LockWait = TimeSpan.FromSeconds(options.LockWaitSeconds), Models = _models };
        state.RunInProgress = true;
        try
        {
            var manifest = await job.ExecuteAsync(request, stoppingToken).ConfigureAwait(false);
            state.Completed(manifest.RunId);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            state.AbandonedRun = true;
            LogAbandoned(logger, slot);
        }
        catch (RunLockedException ex)
        {
            LogLocked(logger, ex.Message);
        }
        catch (InputValidationException ex)
        {
            state.Failed();
            LogFailed(logger, slot, "bad input", ex.Message);
        }
        catch (RunInputMismatchException ex)
        {
            state.Failed();
            LogFailed(logger, slot, "run id reused with other input", ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // Only the (redacted) message is logged: exception objects can carry request details.
            state.Failed();
            LogFailed(logger, slot, "storage failure", SecretRedactor.Redact(ex.Message));
        }
        finally
        {
            state.RunInProgress = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker started: schedule '{Schedule}' (UTC), input {Input}, output {Output}")]
    private static partial void LogStarted(ILogger logger, string schedule, string input, string output);

    [LoggerMessage(Level = LogLevel.Information, Message = "Next run at {Slot:u}")]
    private static partial void LogNextSlot(ILogger logger, DateTimeOffset slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown during the run of slot {Slot:u}: it was abandoned and nothing of it was published; the next start resumes it")]
    private static partial void LogAbandoned(ILogger logger, DateTimeOffset slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped this slot: {Message}")]
    private static partial void LogLocked(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run of slot {Slot:u} failed ({Kind}): {Message}")]
    private static partial void LogFailed(ILogger logger, DateTimeOffset slot, string kind, string message);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Output {Output} is unusable, the worker stops: {Message}")]
    private static partial void LogStoreUnusable(ILogger logger, string output, string message);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The forecaster cannot run on this machine, the worker stops: {Message}")]
    private static partial void LogUnusableSetup(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Unexpected {Type} in the worker, it stops: {Message}")]
    private static partial void LogUnexpected(ILogger logger, string type, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule '{Schedule}' has no further slot; the worker stops")]
    private static partial void LogNoMoreSlots(ILogger logger, string schedule);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker stopped: {Completed} run(s) completed, {Failed} failed")]
    private static partial void LogStopped(ILogger logger, int completed, int failed);
}
