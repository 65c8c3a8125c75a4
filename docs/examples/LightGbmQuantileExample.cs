// The example of docs/gbdt.md ("Quantile LightGBM in ML.NET"). It is compiled and run by
// tests/MeioForecast.LightGbm.Tests (LightGbmQuantileExampleTests), so it cannot drift from the API.
using MeioForecast.LightGbm.ML;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MeioForecast.Docs.Examples;

/// <summary>Featurize -> LightGbmQuantile -> score, then save the LightGBM text model and read it back.</summary>
public static class LightGbmQuantileExample
{
    /// <summary>One row of the example's data.</summary>
    public sealed class Row
    {
        /// <summary>A numeric input.</summary>
        public float Price { get; set; }

        /// <summary>Another numeric input.</summary>
        public float Promo { get; set; }

        /// <summary>The quantity to forecast.</summary>
        public float Label { get; set; }
    }

    /// <summary>Trains the 0.9-quantile of Label given Price and Promo; returns the scores of <paramref name="test"/> and the model text.</summary>
    public static (float[] Scores, double[][] Contributions, string ModelText) Run(IEnumerable<Row> train, IEnumerable<Row> test)
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.Concatenate("Features", nameof(Row.Price), nameof(Row.Promo))
            .Append(ml.Regression.Trainers.LightGbmQuantile(new LightGbmQuantileOptions
            {
                Alpha = 0.9, NumIterations = 200, NumLeaves = 15, LearningRate = 0.05, MinDataInLeaf = 50,
                NumThreads = 1, Deterministic = true, Seed = 7,
            }));
        var model = pipeline.Fit(ml.Data.LoadFromEnumerable(train));

        var testData = ml.Data.LoadFromEnumerable(test);
        var scored = model.Transform(testData);
        var scores = scored.GetColumn<float>("Score").ToArray();

        // TreeSHAP from LightGBM itself: one value per feature slot plus the expected value, summing to the prediction.
        var quantile = model.LastTransformer;
        var contributions = quantile.Contributions(scored);

        // The saved model is LightGBM's own text format: any LightGBM (Python, CLI, R) reads it.
        using var file = new MemoryStream();
        quantile.SaveModel(file);
        return (scores, contributions, quantile.ModelText);
    }
}
