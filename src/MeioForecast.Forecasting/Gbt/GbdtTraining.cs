using MeioForecast.LightGbm;

namespace MeioForecast.Forecasting.Gbt;

/// <summary>Trains one GBDT with the engine its options name (<see cref="GbdtOptions.Engine"/>).</summary>
public static class GbdtTraining
{
    /// <summary>
    /// Trains on <paramref name="train"/> (early stopping on <paramref name="validation"/> when enabled) with
    /// <see cref="GbdtOptions.NumThreads"/> threads; LightGBM reads 0 as all cores, and its model may then depend on the
    /// machine (<see cref="MultiQuantileGbdt"/> never passes 0 to it).
    /// </summary>
    public static IQuantileTreeModel Fit(GbdtOptions options, GbdtDataset train, GbdtDataset? validation = null, IProgress<GbdtProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Engine == GbdtEngine.LightGbm
            ? LightGbmGbdtTrainer.Fit(options, options.NumThreads, train, validation, progress)
            : new GbdtTrainer(options).Fit(train, validation, progress);
    }

    /// <summary>Throws <see cref="LightGbmUnavailableException"/> (naming the missing library) when <paramref name="engine"/> is LightGBM and lib_lightgbm cannot be loaded.</summary>
    public static void EnsureAvailable(GbdtEngine engine)
    {
        if (engine == GbdtEngine.LightGbm)
        {
            LightGbmBooster.EnsureAvailable();
        }
    }
}
