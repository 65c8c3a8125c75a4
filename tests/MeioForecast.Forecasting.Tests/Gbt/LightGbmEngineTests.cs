using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Forecasting.Tests.Gbt;

/// <summary>The LightGBM engine behind <see cref="MultiQuantileGbdt"/> (<see cref="GbdtEngine.LightGbm"/>).</summary>
public sealed class LightGbmEngineTests
{
    private static readonly GbdtOptions Options = new() { NumIterations = 60, NumLeaves = 15, MinDataInLeaf = 20, LearningRate = 0.1 };

    [Fact]
    public void LightGbm_and_the_native_engine_agree_on_holdout_pinball_and_coverage()
    {
        // Peer run side by side: same rows, options and levels; y = f(x) + (0.5 + x0) N(0,1), so the true 0.9 quantile
        // is f(x) + (0.5 + x0) z_0.9 and an honest model covers 90% of fresh rows (binomial sd 0.0042 at n = 5000).
        var train = GbdtTestData.Heteroscedastic(5000, seed: 21);
        var test = GbdtTestData.Heteroscedastic(5000, seed: 22);
        double[] alphas = [0.1, 0.9];
        var light = new MultiQuantileGbdt(alphas, Options).Fit(train).Predict(test);
        var native = new MultiQuantileGbdt(alphas, Options with { Engine = GbdtEngine.Native }).Fit(train).Predict(test);
        for (var k = 0; k < alphas.Length; k++)
        {
            var lightLoss = Enumerable.Range(0, test.RowCount).Average(i => QuantileLoss.Pinball(test.Label![i], light[k][i], alphas[k]));
            var nativeLoss = Enumerable.Range(0, test.RowCount).Average(i => QuantileLoss.Pinball(test.Label![i], native[k][i], alphas[k]));
            Assert.InRange(lightLoss / nativeLoss, 0.97, 1.03);
            var coverage = Enumerable.Range(0, test.RowCount).Count(i => test.Label![i] <= light[k][i]) / (double)test.RowCount;
            var nativeCoverage = Enumerable.Range(0, test.RowCount).Count(i => test.Label![i] <= native[k][i]) / (double)test.RowCount;

            // Both engines' holdout coverage within 4 sd of each other (sd of a difference: sqrt(2) x 0.0042), and near
            // alpha (tail quantiles of 60 shallow trees under-cover a little out of sample).
            Assert.InRange(coverage - nativeCoverage, -0.024, 0.024);
            Assert.InRange(coverage, alphas[k] - 0.035, alphas[k] + 0.035);
        }
    }

    [Fact]
    public void Early_stopping_keeps_the_prefix_with_the_lowest_validation_pinball()
    {
        // Brute force: a deterministic booster's first n trees do not depend on the iteration budget, so the model
        // trained with n trees is the n-prefix; the kept count must be the first argmin over n of its validation
        // pinball (labels in float32, as LightGBM holds them), searched until 5 rounds pass without a new minimum.
        var train = GbdtTestData.Heteroscedastic(1500, seed: 23);
        var valid = GbdtTestData.Heteroscedastic(500, seed: 24);
        var o = Options with { Alpha = 0.8, LearningRate = 0.3, EarlyStoppingRound = 5, NumIterations = 200 };
        var stopped = (LightGbmGbdtModel)new MultiQuantileGbdt([0.8], o).Fit(train, valid).Models[0];
        var losses = new List<double>();
        var best = 0;
        for (var n = 1; n - best <= 5 && n <= 200; n++)
        {
            var prefix = new MultiQuantileGbdt([0.8], o with { NumIterations = n, EarlyStoppingRound = 0 }).Fit(train).Models[0].Predict(valid);
            losses.Add(Enumerable.Range(0, valid.RowCount).Average(i => QuantileLoss.Pinball((float)valid.Label![i], prefix[i], 0.8)));
            if (losses[^1] < losses[best == 0 ? 0 : best - 1] || best == 0)
            {
                best = n;
            }
        }

        Assert.Equal(best, stopped.TreeCount);
        Assert.InRange(best, 2, 150);
    }

    [Fact]
    public void Refit_is_the_early_stopped_tree_count_trained_on_all_rows_byte_for_byte()
    {
        var train = GbdtTestData.Heteroscedastic(1500, seed: 25);
        var valid = GbdtTestData.Heteroscedastic(500, seed: 26);
        var all = GbdtTestData.Heteroscedastic(2000, seed: 27);
        var o = Options with { LearningRate = 0.3, EarlyStoppingRound = 5, NumIterations = 200 };
        double[] alphas = [0.2, 0.7];
        var stopped = new MultiQuantileGbdt(alphas, o).Fit(train, valid);
        var refit = new MultiQuantileGbdt(alphas, o).Fit(train, valid, refitOn: all);
        for (var k = 0; k < alphas.Length; k++)
        {
            var byHand = new MultiQuantileGbdt([alphas[k]], o with { NumIterations = stopped.Models[k].TreeCount, EarlyStoppingRound = 0 }).Fit(all);
            Assert.Equal(((LightGbmGbdtModel)byHand.Models[0]).ModelText, ((LightGbmGbdtModel)refit.Models[k]).ModelText);
        }
    }

    [Fact]
    public void Models_are_byte_identical_for_the_same_rows_and_seed_whatever_the_machines_cores()
    {
        // Bagging and feature sampling draw from the seed; NumThreads = 0 (all cores) gives each booster one thread,
        // as NumThreads = 1 does, so the model text cannot depend on the machine.
        var train = GbdtTestData.Mixed(3000, seed: 28, weighted: true);
        var o = Options with { BaggingFraction = 0.7, BaggingFreq = 1, FeatureFraction = 0.75, Seed = 5, MinDataPerGroup = 20 };
        double[] alphas = [0.25, 0.5, 0.75];
        string[] Texts(GbdtOptions options) => new MultiQuantileGbdt(alphas, options).Fit(train).Models.Select(m => ((LightGbmGbdtModel)m).ModelText).ToArray();
        var first = Texts(o);
        Assert.Equal(first, Texts(o));
        Assert.Equal(first, Texts(o with { NumThreads = 1 }));
        Assert.NotEqual(first, Texts(o with { Seed = 6 }));
        Assert.Contains("cat_boundaries=", first[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Levels_trained_at_once_on_one_shared_dataset_equal_each_level_trained_alone()
    {
        // MultiQuantileGbdt bins the rows once and trains the levels concurrently on that dataset; the oracle trains
        // every level alone, one after the other, each on a dataset of its own: the model texts must be the same bytes.
        var train = GbdtTestData.Mixed(3000, seed: 30, weighted: true);
        var valid = GbdtTestData.Mixed(1000, seed: 31, weighted: true);
        var o = Options with { EarlyStoppingRound = 5, NumIterations = 80, FeatureFraction = 0.8, MinDataPerGroup = 20, NumThreads = 4 };
        double[] alphas = [0.05, 0.25, 0.5, 0.75, 0.95];
        var together = new MultiQuantileGbdt(alphas, o).Fit(train, valid);
        var (_, inner) = MultiQuantileGbdt.Threads(o, alphas.Length);
        for (var k = 0; k < alphas.Length; k++)
        {
            var alone = (LightGbmGbdtModel)GbdtTraining.Fit(o with { Alpha = alphas[k], NumThreads = inner }, train, valid);
            Assert.Equal(alone.ModelText, ((LightGbmGbdtModel)together.Models[k]).ModelText);
        }
    }

    [Fact]
    public void Contributions_sum_to_the_prediction_and_the_text_model_reloads_identically()
    {
        var train = GbdtTestData.Mixed(3000, seed: 29);
        var model = (LightGbmGbdtModel)new MultiQuantileGbdt([0.6], Options with { MinDataPerGroup = 20 }).Fit(train).Models[0];
        var prediction = model.Predict(train);
        var phi = model.Contributions(train);
        for (var i = 0; i < train.RowCount; i++)
        {
            Assert.Equal(prediction[i], phi[i].Sum(), 1e-9);
        }

        using var reloaded = new LightGbmGbdtModel(model.ModelText, model.FeatureNames);
        Assert.Equal(prediction, reloaded.Predict(train));
        Assert.Equal((GbdtObjective.Quantile, 0.6), (reloaded.Objective, reloaded.Alpha));
        Assert.Equal(model.TreeCount, reloaded.TreeCount);
        Assert.StartsWith("tree\nversion=v4\n", model.ModelText, StringComparison.Ordinal);
    }
}
