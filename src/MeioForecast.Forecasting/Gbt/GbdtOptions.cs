namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Hyper-parameters of <see cref="GbdtTrainer"/>, named after LightGBM's parameters (Ke et al. 2017, "LightGBM: a highly
/// efficient gradient boosting decision tree", NeurIPS). Each property documents its default, range and LightGBM name;
/// <see cref="Validate"/> checks them all.
/// </summary>
public sealed record GbdtOptions
{
    /// <summary>
    /// Which engine trains the trees: <see cref="GbdtEngine.LightGbm"/> (lib_lightgbm, the default) or
    /// <see cref="GbdtEngine.Native"/> (our histogram learner, <see cref="GbdtTrainer"/>). Both read the options below.
    /// </summary>
    public GbdtEngine Engine { get; init; } = GbdtEngine.LightGbm;

    /// <summary>Loss to minimise (<c>objective</c>). Default <see cref="GbdtObjective.Quantile"/>.</summary>
    public GbdtObjective Objective { get; init; } = GbdtObjective.Quantile;

    /// <summary>Quantile level of the pinball loss (<c>alpha</c>); used by the quantile objective only. Default 0.5, range (0, 1).</summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary>Boosting iterations = trees (<c>num_iterations</c>). Default 100, range 1..100000.</summary>
    public int NumIterations { get; init; } = 100;

    /// <summary>Shrinkage applied to every tree (<c>learning_rate</c>). Default 0.1, range (0, 1].</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Maximum leaves per tree, grown best-first (<c>num_leaves</c>). Default 31, range 2..65536.</summary>
    public int NumLeaves { get; init; } = 31;

    /// <summary>Maximum tree depth (<c>max_depth</c>); 0 or negative = unlimited. Default -1.</summary>
    public int MaxDepth { get; init; } = -1;

    /// <summary>Minimum training rows in a leaf (<c>min_data_in_leaf</c>). Default 20, range &gt;= 1.</summary>
    public int MinDataInLeaf { get; init; } = 20;

    /// <summary>Minimum sum of hessians in a leaf (<c>min_sum_hessian_in_leaf</c>). Default 1e-3, range &gt;= 0.</summary>
    public double MinSumHessianInLeaf { get; init; } = 1e-3;

    /// <summary>L2 penalty on leaf values in the split gain (<c>lambda_l2</c>). Default 0, range &gt;= 0.</summary>
    public double LambdaL2 { get; init; }

    /// <summary>Minimum gain to make a split (<c>min_gain_to_split</c>). Default 0, range &gt;= 0.</summary>
    public double MinGainToSplit { get; init; }

    /// <summary>Maximum value bins per feature (<c>max_bin</c>); one more bin holds missing values. Default 255, range 2..255.</summary>
    public int MaxBin { get; init; } = 255;

    /// <summary>Rows sampled to compute bin bounds (<c>bin_construct_sample_cnt</c>). Default 200000, range &gt;= 100.</summary>
    public int BinConstructSampleCount { get; init; } = 200_000;

    /// <summary>Share of rows drawn (without replacement) for a tree (<c>bagging_fraction</c>). Default 1 (no bagging), range (0, 1].</summary>
    public double BaggingFraction { get; init; } = 1.0;

    /// <summary>Redraw the bag every k iterations (<c>bagging_freq</c>); 0 = no bagging. Default 0, range &gt;= 0.</summary>
    public int BaggingFreq { get; init; }

    /// <summary>Share of features drawn for each tree (<c>feature_fraction</c>). Default 1, range (0, 1].</summary>
    public double FeatureFraction { get; init; } = 1.0;

    /// <summary>Seed of bagging and feature sampling (<c>seed</c>). Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Stop when the validation loss has not improved for this many iterations (<c>early_stopping_round</c>); 0 = off. Default 0.</summary>
    public int EarlyStoppingRound { get; init; }

    /// <summary>
    /// Threads used (<c>num_threads</c>); 0 = all cores. Default 0, range &gt;= 0. The native engine's model does not
    /// depend on it; LightGBM's may (its histogram sums follow the thread split), so <see cref="MultiQuantileGbdt"/>
    /// gives each LightGBM booster a thread count derived from this value alone, never from the machine.
    /// </summary>
    public int NumThreads { get; init; }

    /// <summary>Names of categorical features, added to the dataset's own flags (<c>categorical_feature</c>). Default empty.</summary>
    public IReadOnlyList<string> CategoricalFeatures { get; init; } = [];

    /// <summary>Categories with fewer rows in a node are not split on (<c>min_data_per_group</c>). Default 100, range &gt;= 1.</summary>
    public int MinDataPerGroup { get; init; } = 100;

    /// <summary>Maximum categories sent left by one categorical split (<c>max_cat_threshold</c>). Default 32, range &gt;= 1.</summary>
    public int MaxCatThreshold { get; init; } = 32;

    /// <summary>Smoothing added to the hessian when sorting categories by gradient ratio (<c>cat_smooth</c>). Default 10, range &gt;= 0.</summary>
    public double CatSmooth { get; init; } = 10.0;

    /// <summary>Extra L2 penalty in categorical split gains (<c>cat_l2</c>). Default 10, range &gt;= 0.</summary>
    public double CatL2 { get; init; } = 10.0;

    /// <summary>Categorical features with at most this many categories use one-vs-rest splits (<c>max_cat_to_onehot</c>). Default 4, range &gt;= 1.</summary>
    public int MaxCatToOnehot { get; init; } = 4;

    /// <summary>Threads actually used: <see cref="NumThreads"/> or the processor count.</summary>
    public int EffectiveThreads => NumThreads > 0 ? NumThreads : Environment.ProcessorCount;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        Check(Enum.IsDefined(Engine), nameof(Engine), Engine, "must be LightGbm or Native");
        Check(Enum.IsDefined(Objective), nameof(Objective), Objective, "must be Quantile, L2 or L1");
        Check(Alpha is > 0 and < 1, nameof(Alpha), Alpha, "must be in (0, 1)");
        Check(NumIterations is >= 1 and <= 100_000, nameof(NumIterations), NumIterations, "must be in 1..100000");
        Check(LearningRate is > 0 and <= 1, nameof(LearningRate), LearningRate, "must be in (0, 1]");
        Check(NumLeaves is >= 2 and <= 65_536, nameof(NumLeaves), NumLeaves, "must be in 2..65536");
        Check(MinDataInLeaf >= 1, nameof(MinDataInLeaf), MinDataInLeaf, "must be >= 1");
        Check(MinSumHessianInLeaf >= 0, nameof(MinSumHessianInLeaf), MinSumHessianInLeaf, "must be >= 0");
        Check(LambdaL2 >= 0, nameof(LambdaL2), LambdaL2, "must be >= 0");
        Check(MinGainToSplit >= 0, nameof(MinGainToSplit), MinGainToSplit, "must be >= 0");
        Check(MaxBin is >= 2 and <= 255, nameof(MaxBin), MaxBin, "must be in 2..255");
        Check(BinConstructSampleCount >= 100, nameof(BinConstructSampleCount), BinConstructSampleCount, "must be >= 100");
        Check(BaggingFraction is > 0 and <= 1, nameof(BaggingFraction), BaggingFraction, "must be in (0, 1]");
        Check(BaggingFreq >= 0, nameof(BaggingFreq), BaggingFreq, "must be >= 0");
        Check(FeatureFraction is > 0 and <= 1, nameof(FeatureFraction), FeatureFraction, "must be in (0, 1]");
        Check(EarlyStoppingRound >= 0, nameof(EarlyStoppingRound), EarlyStoppingRound, "must be >= 0");
        Check(NumThreads >= 0, nameof(NumThreads), NumThreads, "must be >= 0");
        Check(MinDataPerGroup >= 1, nameof(MinDataPerGroup), MinDataPerGroup, "must be >= 1");
        Check(MaxCatThreshold >= 1, nameof(MaxCatThreshold), MaxCatThreshold, "must be >= 1");
        Check(CatSmooth >= 0, nameof(CatSmooth), CatSmooth, "must be >= 0");
        Check(CatL2 >= 0, nameof(CatL2), CatL2, "must be >= 0");
        Check(MaxCatToOnehot >= 1, nameof(MaxCatToOnehot), MaxCatToOnehot, "must be >= 1");
        ArgumentNullException.ThrowIfNull(CategoricalFeatures);
    }

    private static void Check(bool ok, string name, object value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {rule}.");
        }
    }
}
