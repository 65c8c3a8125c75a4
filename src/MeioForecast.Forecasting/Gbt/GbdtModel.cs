namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// An immutable fitted gradient-boosted tree ensemble: prediction = <see cref="BaseScore"/> + the sum of the tree outputs
/// (learning rate included). <see cref="Contributions(ReadOnlySpan{double})"/> gives exact TreeSHAP feature attributions.
/// Persist with <see cref="GbdtModelSerializer"/>.
/// </summary>
public sealed class GbdtModel : IQuantileTreeModel
{
    private readonly RegressionTree[] _trees;

    internal GbdtModel(
        IReadOnlyList<string> featureNames, IReadOnlyList<bool> categorical, GbdtObjective objective, double alpha,
        double baseScore, RegressionTree[] trees)
    {
        FeatureNames = featureNames.ToArray();
        Categorical = categorical.ToArray();
        Objective = objective;
        Alpha = alpha;
        BaseScore = baseScore;
        _trees = trees;
        var expected = baseScore;
        foreach (var t in trees)
        {
            expected += t.ExpectedValue();
        }

        ExpectedValue = expected;
    }

    /// <summary>Feature names in column order; rows passed to the model follow this order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Categorical flag per feature.</summary>
    public IReadOnlyList<bool> Categorical { get; }

    /// <summary>The objective the model was trained for.</summary>
    public GbdtObjective Objective { get; }

    /// <summary>Quantile level (meaningful for the quantile objective).</summary>
    public double Alpha { get; }

    /// <summary>Initial score added to every prediction.</summary>
    public double BaseScore { get; }

    /// <summary>Number of trees.</summary>
    public int TreeCount => _trees.Length;

    /// <summary>Mean prediction over the training distribution (TreeSHAP's E[f(x)]).</summary>
    public double ExpectedValue { get; }

    internal IReadOnlyList<RegressionTree> Trees => _trees;

    /// <summary>Prediction for one row of feature values (NaN = missing).</summary>
    public double Predict(ReadOnlySpan<double> row)
    {
        CheckRow(row);
        var s = BaseScore;
        foreach (var t in _trees)
        {
            s += t.Predict(row);
        }

        return s;
    }

    /// <summary>Predictions for every row of <paramref name="data"/> (columns matched by position).</summary>
    /// <param name="data">Rows to score; must have the model's feature count.</param>
    /// <param name="numThreads">Threads (0 = all cores); results do not depend on it.</param>
    public double[] Predict(GbdtDataset data, int numThreads = 0)
    {
        CheckData(data);
        var result = new double[data.RowCount];
        ForRowBlocks(data, numThreads, (row, i) => result[i] = Predict(row));
        return result;
    }

    /// <summary>
    /// TreeSHAP contributions for one row: an array of FeatureCount + 1 values, one per feature and the last equal to
    /// <see cref="ExpectedValue"/>; they sum to <see cref="Predict(ReadOnlySpan{double})"/>.
    /// </summary>
    public double[] Contributions(ReadOnlySpan<double> row)
    {
        CheckRow(row);
        var phi = new double[FeatureNames.Count + 1];
        foreach (var t in _trees)
        {
            TreeShap.Add(t, row, phi);
        }

        phi[^1] = ExpectedValue;
        return phi;
    }

    /// <summary>TreeSHAP contributions for every row of <paramref name="data"/> (see <see cref="Contributions(ReadOnlySpan{double})"/>).</summary>
    public double[][] Contributions(GbdtDataset data, int numThreads = 0)
    {
        CheckData(data);
        var result = new double[data.RowCount][];
        ForRowBlocks(data, numThreads, (row, i) => result[i] = Contributions(row));
        return result;
    }

    private void ForRowBlocks(GbdtDataset data, int numThreads, Action<double[], int> body)
    {
        const int block = 4096;
        var blocks = (data.RowCount + block - 1) / block;
        var threads = numThreads > 0 ? numThreads : Environment.ProcessorCount;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, b =>
        {
            var row = new double[data.FeatureCount];
            var end = Math.Min(data.RowCount, (b + 1) * block);
            for (var i = b * block; i < end; i++)
            {
                for (var f = 0; f < row.Length; f++)
                {
                    row[f] = data.Columns[f][i];
                }

                body(row, i);
            }
        });
    }

    private void CheckRow(ReadOnlySpan<double> row)
    {
        if (row.Length != FeatureNames.Count)
        {
            throw new ArgumentException($"Expected {FeatureNames.Count} feature values, got {row.Length}.", nameof(row));
        }
    }

    private void CheckData(GbdtDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != FeatureNames.Count)
        {
            throw new ArgumentException($"Expected {FeatureNames.Count} features, got {data.FeatureCount}.", nameof(data));
        }
    }
}
