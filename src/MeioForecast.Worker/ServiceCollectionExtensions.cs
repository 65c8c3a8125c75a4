using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Selection;
using MeioForecast.Pipeline;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeioForecast.Worker;

/// <summary>The composition root: which forecaster, placement (GSM network placement by default), service check (simulation calibration) and clock a planning job uses.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Registers the planning job and its stages.</summary>
    public static IServiceCollection AddMeioForecast(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IForecaster>(_ => SelectingForecaster.CreateDefault());
        services.TryAddSingleton<IStockPlacement>(_ => new NetworkPlacement());
        services.TryAddSingleton(_ => new ServiceCalibrator());
        services.TryAddSingleton<PlanningRun>();
        services.TryAddSingleton<PlanningJob>();
        return services;
    }
}
