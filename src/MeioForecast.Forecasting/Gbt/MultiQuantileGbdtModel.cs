namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Quantile models at increasing levels; predictions are rearranged (sorted per row) so they are monotone in alpha
/// (Chernozhukov, Fernandez-Val and Galichon 2010, "Quantile and probability curves without crossing", Econometrica
/// 78(3)): the sorted vector is never farther from the true quantile curve than the raw one.
/// </summary>
public sealed class MultiQuantileGbdtModel
{
    private readonly IQuantileTreeModel[] _models;

    /// <summary>Wraps fitted quantile models, sorted by level (levels must be distinct).</summary>
    public MultiQuantileGbdtModel(IReadOnlyList<IQuantileTreeModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = models.OrderBy(m => m.Alpha).ToArray();
        if (_models.Length == 0 || _models.Select(m => m.Alpha).Distinct().Count() != _models.Length)
        {
            throw new ArgumentException("At least one model and distinct levels are required.", nameof(models));
        }

        Alphas = _models.Select(m => m.Alpha).ToArray();
    }

    /// <summary>Quantile levels in increasing order.</summary>
    public IReadOnlyList<double> Alphas { get; }

    /// <summary>The per-level models, in the order of <see cref="Alphas"/>.</summary>
    public IReadOnlyList<IQuantileTreeModel> Models => _models;

    /// <summary>Non-crossing quantiles of every row: result[k][i] is level k at row i.</summary>
    public double[][] Predict(GbdtDataset data, int numThreads = 0)
    {
        var raw = _models.Select(m => m.Predict(data, numThreads)).ToArray();
        var q = new double[raw.Length];
        for (var i = 0; i < data.RowCount; i++)
        {
            for (var k = 0; k < q.Length; k++)
            {
                q[k] = raw[k][i];
            }

            Array.Sort(q);
            for (var k = 0; k < q.Length; k++)
            {
                raw[k][i] = q[k];
            }
        }

        return raw;
    }
}
