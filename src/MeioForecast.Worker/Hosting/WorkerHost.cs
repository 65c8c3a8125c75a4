using MeioForecast.Forecasting;
using MeioForecast.Pipeline;
using MeioForecast.Storage.Stores;
using MeioForecast.Worker.Output;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeioForecast.Worker.Hosting;

/// <summary>Builds and runs the generic host of <c>meio worker</c> (configuration, logging, options validated on start, SIGTERM handling).</summary>
public static class WorkerHost
{
    /// <summary>
    /// Longest graceful shutdown: the current run is abandoned at its next step boundary; a step still busy after it
    /// (a model fit) is left behind and the worker exits with code 4, within the <see cref="TerminationSignals.GracePeriod"/>.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Builds the host from the configuration sources of <see cref="MeioConfiguration"/> plus <paramref name="overrides"/>
    /// (the verb's explicit options, highest precedence).
    /// </summary>
    public static IHost Build(IReadOnlyList<string> commandLine, IReadOnlyDictionary<string, string?> overrides) => Build(commandLine, overrides, null);

    /// <summary>Builds the host with extra service registrations (tests).</summary>
    internal static IHost Build(IReadOnlyList<string> commandLine, IReadOnlyDictionary<string, string?> overrides, Action<IServiceCollection>? configureServices)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddMeioSources(commandLine).AddInMemoryCollection(overrides);
        builder.Logging.ClearProviders().AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
            o.UseUtcTimestamp = true;
        });
        // The planning options as meio run binds them, validated when RunAsync resolves the planning run (exit code 6);
        // GBDT training progress goes to the log only (a worker has no terminal).
        builder.Services.AddPlanningOptions(builder.Configuration, terminal: null);
        builder.Services.AddMeioForecast();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton<IHostLifetime, SignalFreeLifetime>();
        builder.Services.AddOptions<WorkerOptions>().Bind(builder.Configuration.GetSection(WorkerOptions.SectionName))
            .Validate(o => o.Validate() is not null).ValidateOnStart();
        builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.SectionName))
            .Validate(o => o.Validate() is not null).ValidateOnStart();
        builder.Services.AddSingleton<WorkerExitState>();
        builder.Services.AddHostedService<ScheduledPlanningService>();
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Runs <paramref name="host"/> until <paramref name="cancellationToken"/> or SIGTERM/SIGINT, disposes it, and returns the exit code.</summary>
    public static async Task<int> RunAsync(IHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var state = host.Services.GetRequiredService<WorkerExitState>();
        try
        {
            // Validate here first for a one-line message; ValidateOnStart stays as the host's own guard.
            _ = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            _ = host.Services.GetRequiredService<IForecaster>();
            _ = host.Services.GetRequiredService<PlanningRun>();
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"Invalid configuration: {SecretRedactor.Redact(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Raised while resolving the options and the forecaster above, before the host runs anything: configuration.
            await Console.Error.WriteLineAsync($"Invalid configuration: {SecretRedactor.Redact(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.BadConfiguration;
        }

        if (state.ExitCode == ExitCodes.Cancelled)
        {
            await Console.Error.WriteLineAsync("Cancelled: the run in progress was abandoned; nothing of it was published.").ConfigureAwait(false);
        }

        return state.ExitCode;
    }
}
