namespace MeioForecast.LightGbm.ML;

/// <summary>
/// Options of <see cref="LightGbmQuantileTrainer"/>: the columns it reads and LightGBM's own parameters under their
/// LightGBM names (in the XML doc of each), with LightGBM's defaults except where noted. The objective is always
/// <c>quantile</c>: the pinball loss at <see cref="Alpha"/> (Koenker &amp; Bassett 1978, Econometrica 46(1)); LightGBM
/// renews each leaf to the alpha-quantile of its residuals.
/// </summary>
public sealed record LightGbmQuantileOptions
{
    /// <summary>Label column (Single). Default "Label".</summary>
    public string LabelColumnName { get; init; } = "Label";

    /// <summary>Features column (known-size vector of Single; NaN = missing). Default "Features".</summary>
    public string FeatureColumnName { get; init; } = "Features";

    /// <summary>Optional sample-weight column (Single, &gt;= 0). Default none.</summary>
    public string? ExampleWeightColumnName { get; init; }

    /// <summary>Output column of the transformer (Single). Default "Score", ML.NET's regression convention.</summary>
    public string ScoreColumnName { get; init; } = "Score";

    /// <summary><c>alpha</c>: the quantile level. Default 0.5, range (0, 1).</summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary><c>num_iterations</c>: boosting iterations (trees). Default 100, range &gt;= 1.</summary>
    public int NumIterations { get; init; } = 100;

    /// <summary><c>learning_rate</c>: shrinkage. Default 0.1, range (0, 1].</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary><c>num_leaves</c>: maximum leaves per tree. Default 31, range 2..131072.</summary>
    public int NumLeaves { get; init; } = 31;

    /// <summary><c>max_depth</c>: maximum depth, &lt;= 0 = unlimited. Default -1.</summary>
    public int MaxDepth { get; init; } = -1;

    /// <summary><c>min_data_in_leaf</c>: minimum rows per leaf. Default 20, range &gt;= 1.</summary>
    public int MinDataInLeaf { get; init; } = 20;

    /// <summary><c>feature_fraction</c>: share of features drawn per tree. Default 1, range (0, 1].</summary>
    public double FeatureFraction { get; init; } = 1.0;

    /// <summary><c>bagging_fraction</c>: share of rows drawn per bag. Default 1, range (0, 1].</summary>
    public double BaggingFraction { get; init; } = 1.0;

    /// <summary><c>bagging_freq</c>: redraw the bag every k iterations, 0 = no bagging. Default 0.</summary>
    public int BaggingFreq { get; init; }

    /// <summary><c>lambda_l2</c>: L2 penalty on leaf values. Default 0, range &gt;= 0.</summary>
    public double LambdaL2 { get; init; }

    /// <summary><c>max_bin</c>: value bins per feature. Default 255, range 2..65535.</summary>
    public int MaxBin { get; init; } = 255;

    /// <summary><c>categorical_feature</c>: slots of the features vector holding category codes (non-negative integers). Default none.</summary>
    public IReadOnlyList<int> CategoricalFeatures { get; init; } = [];

    /// <summary><c>seed</c>: master seed of bagging and feature sampling. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// <c>num_threads</c>: OpenMP threads. Default 1 here (LightGBM's 0 = all cores), so that a model does not depend on
    /// the machine: LightGBM's histogram sums, hence its trees, may change with the thread count. Range &gt;= 0.
    /// </summary>
    public int NumThreads { get; init; } = 1;

    /// <summary>
    /// <c>deterministic</c>: same data, parameters and thread count give the same model (LightGBM then also needs a
    /// fixed histogram layout, so the trainer passes <c>force_col_wise=true</c>). Default true here.
    /// </summary>
    public bool Deterministic { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        Check(Alpha is > 0 and < 1, nameof(Alpha), Alpha, "in (0, 1)");
        Check(NumIterations >= 1, nameof(NumIterations), NumIterations, ">= 1");
        Check(LearningRate is > 0 and <= 1, nameof(LearningRate), LearningRate, "in (0, 1]");
        Check(NumLeaves is >= 2 and <= 131_072, nameof(NumLeaves), NumLeaves, "in 2..131072");
        Check(MinDataInLeaf >= 1, nameof(MinDataInLeaf), MinDataInLeaf, ">= 1");
        Check(FeatureFraction is > 0 and <= 1, nameof(FeatureFraction), FeatureFraction, "in (0, 1]");
        Check(BaggingFraction is > 0 and <= 1, nameof(BaggingFraction), BaggingFraction, "in (0, 1]");
        Check(BaggingFreq >= 0, nameof(BaggingFreq), BaggingFreq, ">= 0");
        Check(LambdaL2 >= 0, nameof(LambdaL2), LambdaL2, ">= 0");
        Check(MaxBin is >= 2 and <= 65_535, nameof(MaxBin), MaxBin, "in 2..65535");
        Check(NumThreads >= 0, nameof(NumThreads), NumThreads, ">= 0");
        ArgumentNullException.ThrowIfNull(CategoricalFeatures);
        Check(CategoricalFeatures.All(i => i >= 0), nameof(CategoricalFeatures), string.Join(',', CategoricalFeatures), "non-negative slots");
    }

    /// <summary>The dataset parameters (binning, categorical slots).</summary>
    public string DatasetParameters() => LightGbmParameters.Format(
    [
        new("max_bin", MaxBin), new("categorical_feature", CategoricalFeatures.Order()), new("verbosity", -1),
        new("num_threads", NumThreads), new("seed", Seed),
    ]);

    /// <summary>The booster parameters: objective=quantile with <see cref="Alpha"/> and the rest under LightGBM's names.</summary>
    public string BoosterParameters() => LightGbmParameters.Format(
    [
        new("objective", "quantile"), new("alpha", Alpha), new("metric", "quantile"), new("learning_rate", LearningRate),
        new("num_leaves", NumLeaves), new("max_depth", MaxDepth), new("min_data_in_leaf", MinDataInLeaf),
        new("feature_fraction", FeatureFraction), new("bagging_fraction", BaggingFraction), new("bagging_freq", BaggingFreq),
        new("lambda_l2", LambdaL2), new("seed", Seed), new("num_threads", NumThreads), new("deterministic", Deterministic),
        new("force_col_wise", true), new("verbosity", -1),
    ]);

    private static void Check(bool ok, string name, object value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {rule}.");
        }
    }
}
