using MeioForecast.Forecasting;
using MeioForecast.Storage.Input;
using MeioForecast.Storage.Models;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace MeioForecast.Worker;

/// <summary>Builds the services of a one-shot verb and maps failures to exit codes with a clear message.</summary>
internal static class CliHost
{
    /// <summary>
    /// The services of a planning verb (<c>meio run</c>, <c>meio holdout</c>) with the options bound by
    /// <see cref="PlanningServices"/>, and the forecaster named by <c>Forecasting:Method</c> (null = the stage forecaster,
    /// which reports its training progress on the terminal and in the log).
    /// </summary>
    public static (ServiceProvider Services, IForecaster? Method) BuildPlanningServices(IConfiguration configuration) =>
        (BuildServices(s => s.AddPlanningOptions(configuration, Console.Error)), PlanningServices.Method(configuration));

    /// <summary>
    /// The <see cref="LightGbm.LightGbmUnavailableException"/> in <paramref name="ex"/> (itself or inside the aggregate of
    /// parallel fits), else null: a machine without lib_lightgbm or libgomp is a setup to fix (exit code 6), not a bug.
    /// </summary>
    public static LightGbm.LightGbmUnavailableException? MissingLightGbm(Exception ex) => ex switch
    {
        LightGbm.LightGbmUnavailableException missing => missing,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.OfType<LightGbm.LightGbmUnavailableException>().FirstOrDefault(),
        _ => null,
    };

    public static ServiceProvider BuildServices(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services);
        return services
            .AddLogging(logging => logging
                .AddConsole(o => o.FormatterName = TerminalLogFormatter.FormatterName)
                .AddConsoleFormatter<TerminalLogFormatter, ConsoleFormatterOptions>()
                .SetMinimumLevel(LogLevel.Information))
            .Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddMeioForecast()
            .BuildServiceProvider();
    }

    /// <summary>
    /// Runs <paramref name="body"/>; bad input (2), storage failures (3), cancellation (4), a held run lock (5), a
    /// <see cref="ConfigurationException"/> or a reused run id with other input (6) become their exit codes; any other
    /// exception is a bug (1), whatever its type: an <see cref="ArgumentException"/> from inside an engine is not the
    /// user's configuration error.
    /// </summary>
    public static async Task<int> GuardAsync(Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (InputValidationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (RunLockedException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.RunLocked;
        }
        catch (Exception ex) when (MissingLightGbm(ex) is { } missing)
        {
            await Console.Error.WriteLineAsync(missing.Message).ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }
        catch (ModelUnavailableException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"Invalid configuration: {SecretRedactor.Redact(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }
        catch (RunInputMismatchException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled: nothing was published.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"Storage failure: {SecretRedactor.Redact(ex.Message)} Nothing was published.").ConfigureAwait(false);
            return ExitCodes.StorageFailure;
        }
        catch (UnauthorizedAccessException ex)
        {
            await Console.Error.WriteLineAsync($"Storage failure: {SecretRedactor.Redact(ex.Message)} Nothing was published.").ConfigureAwait(false);
            return ExitCodes.StorageFailure;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Anything else is a bug (exit 1): the type, message and stack go to the log for the report.
            await Console.Error.WriteLineAsync($"Unexpected failure (a bug, exit code 1): {ex.GetType().FullName}: {SecretRedactor.Redact(ex.Message)}{Environment.NewLine}{ex.StackTrace}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
