namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// A fitted tree ensemble of either engine (<see cref="GbdtModel"/>, <see cref="LightGbmGbdtModel"/>): predictions and
/// exact TreeSHAP contributions (Lundberg, Erion &amp; Lee 2018, arXiv:1802.03888), FeatureCount + 1 values per row with
/// the expected value last, summing to the prediction.
/// </summary>
public interface IQuantileTreeModel
{
    /// <summary>Quantile level (0.5 for non-quantile objectives).</summary>
    double Alpha { get; }

    /// <summary>The objective it was trained for.</summary>
    GbdtObjective Objective { get; }

    /// <summary>Feature names in column order.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Trees (boosting iterations) kept.</summary>
    int TreeCount { get; }

    /// <summary>Predictions for every row of <paramref name="data"/> (columns matched by position).</summary>
    double[] Predict(GbdtDataset data, int numThreads = 0);

    /// <summary>TreeSHAP contributions of every row of <paramref name="data"/>.</summary>
    double[][] Contributions(GbdtDataset data, int numThreads = 0);
}
