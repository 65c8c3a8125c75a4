using Microsoft.ML;

namespace MeioForecast.LightGbm.ML;

/// <summary><c>mlContext.Regression.Trainers.LightGbmQuantile(...)</c>: the quantile LightGBM trainer in ML.NET's catalog.</summary>
public static class LightGbmQuantileCatalog
{
    /// <summary>The quantile LightGBM trainer with <paramref name="options"/>.</summary>
    public static LightGbmQuantileTrainer LightGbmQuantile(this RegressionCatalog.RegressionTrainers catalog, LightGbmQuantileOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new LightGbmQuantileTrainer(options);
    }

    /// <summary>The quantile LightGBM trainer at level <paramref name="alpha"/> with LightGBM's other defaults (one thread, deterministic).</summary>
    public static LightGbmQuantileTrainer LightGbmQuantile(
        this RegressionCatalog.RegressionTrainers catalog, double alpha, string labelColumnName = "Label", string featureColumnName = "Features") =>
        catalog.LightGbmQuantile(new LightGbmQuantileOptions { Alpha = alpha, LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName });
}
