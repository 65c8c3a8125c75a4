using MeioForecast.Storage.Models;
using MeioForecast.Worker.Output;
using Microsoft.Extensions.Configuration;

namespace MeioForecast.Worker.Commands;

/// <summary>
/// Where the model registry lives (<c>--models DIR|URI</c> or the <c>Forecasting:Models</c> setting: a local folder,
/// blob://container/prefix or an https blob URI, as for <c>--output</c>) and which model a run uses (<c>Forecasting:Model</c>).
/// </summary>
internal static class ModelStoreOptions
{
    /// <summary>Setting of the registry location.</summary>
    public const string ModelsKey = "Forecasting:Models";

    /// <summary>Setting of the model choice: train, latest or a model id.</summary>
    public const string ModelKey = "Forecasting:Model";

    /// <summary>The registry at <paramref name="location"/> (or the configured one); null when neither is set.</summary>
    public static async Task<ModelRegistry?> OpenAsync(string? location, IConfiguration configuration, CancellationToken cancellationToken)
    {
        location ??= configuration[ModelsKey];
        if (string.IsNullOrWhiteSpace(location))
        {
            return null;
        }

        var store = await OutputStoreFactory.CreateAsync(location, StorageOptions.FromConfiguration(configuration), cancellationToken).ConfigureAwait(false);
        return new ModelRegistry(store);
    }

    /// <summary>
    /// The model choice of a run: null (train in the run) without a registry; else <c>Forecasting:Model</c>, default
    /// <c>latest</c>.
    /// </summary>
    public static ModelChoice? Choice(ModelRegistry? registry, IConfiguration configuration)
    {
        var setting = configuration[ModelKey];
        if (registry is null)
        {
            return setting is null or "" or ModelChoice.Train
                ? null
                : throw new ConfigurationException($"{ModelKey}={setting} needs a model registry: --models DIR|URI or {ModelsKey}.");
        }

        return new ModelChoice(registry, string.IsNullOrWhiteSpace(setting) ? ModelChoice.Latest : setting);
    }
}
