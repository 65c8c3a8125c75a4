using MeioForecast.LightGbm;

namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Trains a <see cref="LightGbmGbdtModel"/> with lib_lightgbm (Ke et al. 2017, "LightGBM: a highly efficient gradient
/// boosting decision tree", NeurIPS 30) from <see cref="GbdtOptions"/>, whose names are LightGBM's: the same objective
/// (quantile with leaf renewal to residual quantiles, L2, L1), binning, bagging, feature sampling, categorical splits
/// and early stopping as <see cref="GbdtTrainer"/> (stop after <c>early_stopping_round</c> iterations without a lower
/// validation loss, keep the best prefix). Always <c>deterministic=true</c> with a fixed histogram layout
/// (<c>force_col_wise=true</c>): the same rows, options and thread count give the same model text, byte for byte.
/// </summary>
internal static class LightGbmGbdtTrainer
{
    /// <summary>Trains on <paramref name="train"/> with <paramref name="threads"/> LightGBM threads (0 = LightGBM's default: all cores).</summary>
    public static LightGbmGbdtModel Fit(GbdtOptions o, int threads, GbdtDataset train, GbdtDataset? validation, IProgress<GbdtProgress>? progress)
    {
        using var data = LightGbmTrainingSet.Create(o, threads, train, o.EarlyStoppingRound > 0 ? validation : null);
        return Fit(o, threads, data, progress);
    }

    /// <summary>
    /// Trains on prepared datasets (shared by the levels of a <see cref="MultiQuantileGbdt"/>); early stopping runs when
    /// the set has validation rows and <see cref="GbdtOptions.EarlyStoppingRound"/> is positive.
    /// </summary>
    public static LightGbmGbdtModel Fit(GbdtOptions o, int threads, LightGbmTrainingSet data, IProgress<GbdtProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var booster = LightGbmBooster.Create(data.Train, Parameters(o, threads));
        var hasValidation = data.Validation is not null && o.EarlyStoppingRound > 0;
        if (hasValidation)
        {
            booster.AddValidation(data.Validation!);
        }

        var bestLoss = double.PositiveInfinity;
        var best = 0;
        var trees = 0;
        while (trees < o.NumIterations && booster.UpdateOneIteration())
        {
            trees++;
            progress?.Report(new GbdtProgress(o.Alpha, trees, o.NumIterations, false));
            if (hasValidation)
            {
                var loss = booster.Evaluate(1)[0];
                if (loss < bestLoss)
                {
                    (bestLoss, best) = (loss, trees);
                }
                else if (trees - best >= o.EarlyStoppingRound)
                {
                    break;
                }
            }
        }

        var kept = hasValidation ? best : trees;
        progress?.Report(new GbdtProgress(o.Alpha, kept, o.NumIterations, true));

        // A booster whose first iteration found no split still has its constant tree; keep at least that one.
        return new LightGbmGbdtModel(booster.ToModelString(Math.Max(1, kept)), data.Source.FeatureNames);
    }

    /// <summary>The booster parameters of <paramref name="o"/>.</summary>
    internal static string Parameters(GbdtOptions o, int threads) => LightGbmParameters.Format(
    [
        new("objective", o.Objective switch { GbdtObjective.Quantile => "quantile", GbdtObjective.L1 => "regression_l1", _ => "regression" }),
        new("alpha", o.Alpha), new("metric", o.Objective switch { GbdtObjective.Quantile => "quantile", GbdtObjective.L1 => "l1", _ => "l2" }),
        new("num_iterations", o.NumIterations), new("learning_rate", o.LearningRate), new("num_leaves", o.NumLeaves),
        new("max_depth", o.MaxDepth), new("min_data_in_leaf", o.MinDataInLeaf), new("min_sum_hessian_in_leaf", o.MinSumHessianInLeaf),
        new("lambda_l2", o.LambdaL2), new("min_gain_to_split", o.MinGainToSplit), new("bagging_fraction", o.BaggingFraction),
        new("bagging_freq", o.BaggingFreq), new("feature_fraction", o.FeatureFraction), new("min_data_per_group", o.MinDataPerGroup),
        new("max_cat_threshold", o.MaxCatThreshold), new("cat_smooth", o.CatSmooth), new("cat_l2", o.CatL2),
        new("max_cat_to_onehot", o.MaxCatToOnehot), new("seed", o.Seed), new("num_threads", threads),
        new("deterministic", true), new("force_col_wise", true), new("verbosity", -1),
    ]);
}
