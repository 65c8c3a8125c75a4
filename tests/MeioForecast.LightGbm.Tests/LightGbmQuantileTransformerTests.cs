using MeioForecast.Docs.Examples;
using MeioForecast.LightGbm.ML;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MeioForecast.LightGbm.Tests;

/// <summary>Save/load, determinism and the catalog entry of the ML.NET trainer.</summary>
public sealed class LightGbmQuantileTransformerTests
{
    private static readonly LightGbmQuantileExample.Row[] Train = KnownDistribution.Rows(5_000, 3);
    private static readonly LightGbmQuantileExample.Row[] Test = KnownDistribution.Rows(1_000, 4);

    [Fact]
    public void Saved_and_loaded_model_predicts_identically()
    {
        var ml = new MLContext(seed: 1);
        var (quantile, features) = Fit(ml, new LightGbmQuantileOptions { Alpha = 0.25 });
        var test = features.Transform(ml.Data.LoadFromEnumerable(Test));

        using var file = new MemoryStream();
        quantile.SaveModel(file);
        file.Position = 0;
        using var loaded = LightGbmQuantileTransformer.LoadModel(file, quantile.Options);

        Assert.Equal(quantile.Predict(test), loaded.Predict(test));
        Assert.Equal(
            quantile.Transform(test).GetColumn<float>("Score").ToArray(),
            loaded.Transform(test).GetColumn<float>("Score").ToArray());
        Assert.Equal(quantile.ModelText, loaded.ModelText);
    }

    [Fact]
    public void Same_data_and_seed_give_byte_identical_models_with_bagging()
    {
        var ml = new MLContext(seed: 1);
        var options = new LightGbmQuantileOptions { Alpha = 0.7, BaggingFraction = 0.7, BaggingFreq = 1, FeatureFraction = 0.5, Seed = 11 };
        var (first, _) = Fit(ml, options);
        var (second, _) = Fit(ml, options);
        var (other, _) = Fit(ml, options with { Seed = 12 });
        Assert.Equal(first.ModelText, second.ModelText);
        Assert.NotEqual(first.ModelText, other.ModelText);
    }

    [Fact]
    public void Categorical_slot_is_declared_to_LightGBM()
    {
        var ml = new MLContext(seed: 1);
        var (quantile, _) = Fit(ml, new LightGbmQuantileOptions { CategoricalFeatures = [1] });

        // LightGBM's feature_infos lists a categorical feature's categories ("-1:0:1") and a numeric one's [min:max].
        var infos = quantile.ModelText.Split('\n').Single(l => l.StartsWith("feature_infos=", StringComparison.Ordinal));
        Assert.Matches(@"^feature_infos=\[[-0-9.e:]+\] -?[0-9]+(:-?[0-9]+)+$", infos.TrimEnd());
        var (numeric, _) = Fit(ml, new LightGbmQuantileOptions());
        var numericInfos = numeric.ModelText.Split('\n').Single(l => l.StartsWith("feature_infos=", StringComparison.Ordinal));
        Assert.Matches(@"^feature_infos=\[[-0-9.e:]+\] \[0:1\]$", numericInfos.TrimEnd());
    }

    [Fact]
    public void Wrong_feature_width_is_refused_naming_the_column()
    {
        var ml = new MLContext(seed: 1);
        var (quantile, _) = Fit(ml, new LightGbmQuantileOptions());
        var narrow = ml.Transforms.Concatenate("Features", nameof(LightGbmQuantileExample.Row.Price)).Fit(ml.Data.LoadFromEnumerable(Test)).Transform(ml.Data.LoadFromEnumerable(Test));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => quantile.Transform(narrow));
        Assert.Contains("'Features' has 1 slots; the model reads 2", error.Message, StringComparison.Ordinal);
    }

    private static (LightGbmQuantileTransformer Model, ITransformer Features) Fit(MLContext ml, LightGbmQuantileOptions options)
    {
        var data = ml.Data.LoadFromEnumerable(Train);
        var features = ml.Transforms.Concatenate("Features", nameof(LightGbmQuantileExample.Row.Price), nameof(LightGbmQuantileExample.Row.Promo)).Fit(data);
        var model = ml.Regression.Trainers.LightGbmQuantile(options with { NumIterations = 50 }).Fit(features.Transform(data));
        return (model, features);
    }
}
