using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Global;
using MeioForecast.Forecasting.Selection;
using MeioForecast.Forecasting.Trained;
using MeioForecast.Pipeline;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;
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
        var serviceCheck = builder.Configuration.GetSection("ServiceCheck").Get<ServiceCheckOptions>() ?? new ServiceCheckOptions();
        builder.Services.AddSingleton(new ServiceCalibrator(serviceCheck));

        // The forecaster of a run that trains in-run: the same Forecasting:Method and Forecasting:Stage settings as
        // meio run and meio train read, validated when RunAsync resolves it (a bad value exits with code 6).
        var configuration = builder.Configuration;
        builder.Services.AddSingleton<IForecaster>(sp => ForecasterChoice.FromConfiguration(configuration) ?? Stage(CliHost.StageSettings(configuration), sp));

        // The Placement section as meio run binds it (CliHost.BuildPlanningServices), resolved with the planning run below.
        builder.Services.AddSingleton(_ => configuration.GetSection("Placement").Get<PlacementOptions>() ?? new PlacementOptions());
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

    /// <summary>The forecasting stage with <paramref name="options"/>; GBDT training progress goes to the log only (a worker has no terminal).</summary>
    private static SelectingForecaster Stage(StageOptions options, IServiceProvider services) =>
        SelectingForecaster.CreateDefault(options.Selection, new GlobalGbdtForecaster(options.Gbdt, new TrainingProgress(null, services.GetRequiredService<ILogger<TrainingProgress>>())));

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
