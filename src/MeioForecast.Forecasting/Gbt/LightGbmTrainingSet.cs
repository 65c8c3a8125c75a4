using MeioForecast.LightGbm;

namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// The LightGBM datasets (training rows binned once, validation rows binned on the training bins) that every level of
/// a <see cref="MultiQuantileGbdt"/> trains on: binning and the raw-matrix copy happen once per table, not once per
/// level. Dataset parameters are the options' binning ones (<c>max_bin</c>, <c>bin_construct_sample_cnt</c>,
/// <c>categorical_feature</c>), which do not vary by level.
/// </summary>
internal sealed class LightGbmTrainingSet : IDisposable
{
    private LightGbmTrainingSet(GbdtDataset source, LightGbmDataset train, LightGbmDataset? validation)
    {
        Source = source;
        Train = train;
        Validation = validation;
    }

    /// <summary>The training table (feature names).</summary>
    public GbdtDataset Source { get; }

    /// <summary>The binned training rows.</summary>
    public LightGbmDataset Train { get; }

    /// <summary>The binned validation rows, or null.</summary>
    public LightGbmDataset? Validation { get; }

    /// <summary>Bins <paramref name="train"/> (and <paramref name="validation"/> on its bins) with <paramref name="threads"/> threads.</summary>
    public static LightGbmTrainingSet Create(GbdtOptions o, int threads, GbdtDataset train, GbdtDataset? validation)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(train);
        if (train.Label is null)
        {
            throw new ArgumentException("Training data needs a label.", nameof(train));
        }

        if (validation is not null && (validation.Label is null || validation.FeatureCount != train.FeatureCount))
        {
            throw new ArgumentException("The validation data needs a label and the training data's features.", nameof(validation));
        }

        var unknown = o.CategoricalFeatures.Except(train.FeatureNames, StringComparer.Ordinal).FirstOrDefault();
        if (unknown is not null)
        {
            throw new ArgumentException($"Categorical feature '{unknown}' is not a column.", nameof(o));
        }

        var categorical = Enumerable.Range(0, train.FeatureCount)
            .Where(c => train.Categorical[c] || o.CategoricalFeatures.Contains(train.FeatureNames[c], StringComparer.Ordinal))
            .ToArray();
        var parameters = LightGbmParameters.Format(
        [
            new("max_bin", o.MaxBin), new("bin_construct_sample_cnt", o.BinConstructSampleCount), new("categorical_feature", categorical),
            new("data_random_seed", o.Seed), new("num_threads", threads), new("verbosity", -1),
        ]);
        var trainSet = Dataset(train, parameters, null);
        try
        {
            return new LightGbmTrainingSet(train, trainSet, validation is null ? null : Dataset(validation, parameters, trainSet));
        }
        catch
        {
            trainSet.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Validation?.Dispose();
    }

    private static LightGbmDataset Dataset(GbdtDataset data, string parameters, LightGbmDataset? reference)
    {
        var dataset = LightGbmDataset.FromMatrix(LightGbmGbdtModel.ColumnMajor(data), data.RowCount, data.FeatureCount, rowMajor: false, parameters, reference);
        dataset.SetLabel(data.Label);
        if (data.Weights is not null)
        {
            dataset.SetWeights(data.Weights);
        }

        dataset.SetFeatureNames(LightGbmGbdtModel.LightGbmNames(data.FeatureNames));
        return dataset;
    }
}
