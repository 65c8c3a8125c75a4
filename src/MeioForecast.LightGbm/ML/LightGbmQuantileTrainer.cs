using Microsoft.ML;

namespace MeioForecast.LightGbm.ML;

/// <summary>
/// ML.NET estimator for quantile regression with LightGBM (Ke et al. 2017, NeurIPS 30) under the pinball loss at
/// alpha (Koenker &amp; Bassett 1978): trains lib_lightgbm through its C API with <c>objective=quantile</c>, which ML.NET's
/// own LightGbmRegressionTrainer cannot set (it fixes <c>objective=regression</c>, dotnet/machinelearning#7603), and
/// keeps LightGBM's booster (its text model and TreeSHAP contributions) rather than converting the trees. Reach it as
/// <c>mlContext.Regression.Trainers.LightGbmQuantile(...)</c> (<see cref="LightGbmQuantileCatalog"/>).
/// </summary>
public sealed class LightGbmQuantileTrainer : IEstimator<LightGbmQuantileTransformer>
{
    /// <summary>Creates the trainer with validated options.</summary>
    public LightGbmQuantileTrainer(LightGbmQuantileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The options.</summary>
    public LightGbmQuantileOptions Options { get; }

    /// <summary>Trains one booster for <see cref="LightGbmQuantileOptions.NumIterations"/> iterations (fewer when no split gains).</summary>
    public LightGbmQuantileTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scalars = Options.ExampleWeightColumnName is { } w ? new[] { Options.LabelColumnName, w } : [Options.LabelColumnName];
        var (values, rows, columns) = DataViewMatrix.Read(input, Options.FeatureColumnName, scalars);
        if (rows == 0)
        {
            throw new ArgumentException("The training data has no rows.", nameof(input));
        }

        var width = values.Length / rows;
        using var train = LightGbmDataset.FromMatrix(values, rows, width, rowMajor: true, Options.DatasetParameters());
        train.SetLabel(columns[0]);
        if (columns.Length > 1)
        {
            train.SetWeights(columns[1]);
        }

        string model;
        using (var booster = LightGbmBooster.Create(train, Options.BoosterParameters()))
        {
            for (var i = 0; i < Options.NumIterations && booster.UpdateOneIteration(); i++)
            {
            }

            model = booster.ToModelString();
        }

        return new LightGbmQuantileTransformer(model, Options);
    }

    /// <summary>The input's columns plus the score column (Single); the features and label columns must be present.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var label = inputSchema.FirstOrDefault(c => c.Name == Options.LabelColumnName);
        if (label.Name is null || label.ItemType != Microsoft.ML.Data.NumberDataViewType.Single || label.Kind != SchemaShape.Column.VectorKind.Scalar)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema), Options.LabelColumnName, $"The label column '{Options.LabelColumnName}' must be a Single scalar.");
        }

        if (!inputSchema.Any(c => c.Name == Options.FeatureColumnName))
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema), Options.FeatureColumnName, $"The data has no column '{Options.FeatureColumnName}'.");
        }

        // SchemaShape.Column has no public constructor: a copy of the label (a Single scalar) under the score's name is
        // exactly the score's shape.
        return new MLContext(seed: 0).Transforms.CopyColumns(Options.ScoreColumnName, Options.LabelColumnName).GetOutputSchema(inputSchema);
    }
}
