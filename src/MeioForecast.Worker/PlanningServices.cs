using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Global;
using MeioForecast.Forecasting.Selection;
using MeioForecast.Forecasting.Trained;
using MeioForecast.Optimization.Gsm;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeioForecast.Worker;

/// <summary>
/// The one place that binds and validates the planning options, for <c>meio run</c>, <c>holdout</c>, <c>explain</c> and
/// the worker alike. Each options record comes from the configuration section named after it: <c>ServiceCheck</c>
/// (<see cref="ServiceCheckOptions"/>), <c>Placement</c> (<see cref="PlacementOptions"/>), <c>GsmSolver</c>
/// (<see cref="GsmSolverOptions"/>), <c>Forecasting:Stage</c> (<see cref="StageOptions"/>) and <c>Forecasting:Method</c>.
/// A bad value is a <see cref="ConfigurationException"/> naming the setting (exit code 6) when the services are resolved,
/// which the verbs and the worker do before planning anything.
/// </summary>
internal static class PlanningServices
{
    /// <summary>The configuration sections, in the order of the class summary.</summary>
    public const string ServiceCheckSection = "ServiceCheck";

    /// <summary>The section of <see cref="PlacementOptions"/>.</summary>
    public const string PlacementSection = "Placement";

    /// <summary>The section of <see cref="GsmSolverOptions"/>.</summary>
    public const string GsmSolverSection = "GsmSolver";

    /// <summary>The section of <see cref="StageOptions"/>.</summary>
    public const string StageSection = "Forecasting:Stage";

    /// <summary>
    /// Registers the bound options, the service calibrator, the network placement and the forecaster;
    /// <paramref name="terminal"/> receives the GBDT training progress of a run that trains (null: the log only).
    /// </summary>
    public static IServiceCollection AddPlanningOptions(this IServiceCollection services, IConfiguration configuration, TextWriter? terminal)
    {
        services.AddSingleton(_ => Bind<ServiceCheckOptions>(configuration, ServiceCheckSection, o => o.Validate()));
        services.AddSingleton(sp => new ServiceCalibrator(sp.GetRequiredService<ServiceCheckOptions>()));
        services.AddSingleton(_ => Bind<PlacementOptions>(configuration, PlacementSection, o => o.Validate()));
        services.AddSingleton(_ => Bind<GsmSolverOptions>(configuration, GsmSolverSection, o => o.Validate()));
        services.AddSingleton<IStockPlacement>(sp => new NetworkPlacement(sp.GetRequiredService<GsmSolverOptions>()));
        services.AddSingleton<IForecaster>(sp =>
        {
            if (Method(configuration) is { } method)
            {
                return method;
            }

            var stage = Stage(configuration);
            return SelectingForecaster.CreateDefault(stage.Selection, new GlobalGbdtForecaster(stage.Gbdt, new TrainingProgress(terminal, sp.GetRequiredService<ILogger<TrainingProgress>>())));
        });
        return services;
    }

    /// <summary>The forecaster named by <c>Forecasting:Method</c>, or null for the forecasting stage.</summary>
    public static IForecaster? Method(IConfiguration configuration) => ConfigurationException.Guard(() => ForecasterChoice.FromConfiguration(configuration));

    /// <summary>The <c>Forecasting:Stage</c> options (defaults where unset), validated.</summary>
    public static StageOptions Stage(IConfiguration configuration) => Bind<StageOptions>(configuration, StageSection, o => o.Validate(), flat: false);

    /// <summary>
    /// Binds <typeparamref name="T"/> from <paramref name="section"/> (defaults where unset) and validates it; a value that
    /// does not convert or breaks its documented range becomes a <see cref="ConfigurationException"/> naming
    /// <c>Section:Property</c> (<paramref name="flat"/> records; a nested record's message names its own property).
    /// </summary>
    private static T Bind<T>(IConfiguration configuration, string section, Action<T> validate, bool flat = true)
        where T : new()
    {
        try
        {
            var options = configuration.GetSection(section).Get<T>() ?? new T();
            validate(options);
            return options;
        }
        catch (ArgumentException ex) when (ex is not ConfigurationException)
        {
            var name = flat && ex.ParamName is { Length: > 0 } parameter ? $"{section}:{parameter}" : section;
            throw new ConfigurationException($"{name}: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException($"{section}: {ex.Message}", ex);
        }
    }
}
