using MeioForecast.Core.Distributions;
using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Forecasting.Tests.Gbt;

public class GbdtQuantileTests
{
    private static readonly GbdtOptions Options = new()
    {
        NumIterations = 300, LearningRate = 0.05, NumLeaves = 15, MinDataInLeaf = 40, NumThreads = 1,
    };

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Predicted_quantiles_match_the_true_conditional_quantiles_and_cover_alpha(double alpha)
    {
        // y = 3 sin(3 x0) + 2 x1 + (0.5 + x0) N(0,1): the true alpha-quantile is f(x) + sigma(x0) * Phi^-1(alpha)
        // (closed form). Tolerances: mean absolute error below 0.15 (sigma is 0.5..1.5) and empirical coverage of
        // P(y <= q) within 4 binomial standard errors + 0.01 of model error on 20,000 fresh rows.
        var train = GbdtTestData.Heteroscedastic(20_000, seed: 1);
        var test = GbdtTestData.Heteroscedastic(20_000, seed: 2);
        var model = new GbdtTrainer(Options with { Alpha = alpha }).Fit(train);
        var pred = model.Predict(test);
        var z = StandardNormal.Quantile(alpha);
        double abs = 0;
        var below = 0;
        for (var i = 0; i < test.RowCount; i++)
        {
            var x0 = test.Columns[0][i];
            var truth = GbdtTestData.Mean(x0, test.Columns[1][i]) + (GbdtTestData.Sigma(x0) * z);
            abs += Math.Abs(pred[i] - truth);
            below += test.Label![i] <= pred[i] ? 1 : 0;
        }

        Assert.True(abs / test.RowCount < 0.15, $"MAE vs true quantile {abs / test.RowCount:F3}");
        var coverage = (double)below / test.RowCount;
        var tol = (4 * Math.Sqrt(alpha * (1 - alpha) / test.RowCount)) + 0.01;
        Assert.InRange(coverage, alpha - tol, alpha + tol);
    }

    [Fact]
    public void Leaf_renewal_sets_each_leaf_to_the_alpha_quantile_of_its_residuals()
    {
        // Hand computation (LightGBM percentile: descending d, p = (1 - alpha) n, k = floor p, d[k-1] - (d[k-1]-d[k])(p-k)).
        // y = 1,2,10,20,21,40,41,50, alpha = 0.6: p = 3.2, init = 40 - 19 * 0.2 = 36.2. The only split allowed by
        // min_data_in_leaf = 4 is x <= 4 | x > 4. Left residuals -35.2,-34.2,-26.2,-16.2: p = 1.6, -16.2 - 10 * 0.6 = -22.2;
        // right residuals -15.2,3.8,4.8,13.8: 13.8 - 9 * 0.6 = 8.4. Shrunk by 0.5: -11.1 and 4.2 -> 25.1 and 40.4.
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8];
        double[] y = [1, 2, 10, 20, 21, 40, 41, 50];
        var options = new GbdtOptions
        {
            Alpha = 0.6, NumIterations = 1, NumLeaves = 2, MinDataInLeaf = 4, LearningRate = 0.5, NumThreads = 1,
        };
        var model = new GbdtTrainer(options).Fit(new GbdtDataset(["x"], [x], y));
        Assert.Equal(36.2, model.BaseScore, 12);
        Assert.Equal(1, model.TreeCount);
        Assert.Equal(25.1, model.Predict([2.0]), 12);
        Assert.Equal(40.4, model.Predict([7.0]), 12);
        Assert.Equal(4.5, model.Trees[0].Threshold[0], 12);
    }

    [Fact]
    public void Zero_inflated_data_does_not_get_stuck_thanks_to_the_tie_rule()
    {
        // 70% of rows are exact zeros (x < 0.7), so the initial median is 0 and every zero row has score == label.
        // With gradient (1 - alpha) on ties the zero rows and the positive rows (y = 5 + U(0,1), median 5.5) get
        // different gradients and the tree separates them; the true medians are 0 and 5.5.
        var rng = new Random(3);
        const int n = 5000;
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = rng.NextDouble();
            y[i] = x[i] < 0.7 ? 0.0 : 5.0 + rng.NextDouble();
        }

        var model = new GbdtTrainer(new GbdtOptions { Alpha = 0.5, NumIterations = 100, NumThreads = 1 })
            .Fit(new GbdtDataset(["x"], [x], y));
        Assert.Equal(0.0, model.BaseScore);
        Assert.Equal(0.0, model.Predict([0.3]), 6);
        Assert.InRange(model.Predict([0.9]), 5.3, 5.7);
    }

    [Fact]
    public void Multi_quantile_predictions_are_the_sorted_per_level_predictions()
    {
        // Monotone rearrangement (Chernozhukov et al. 2010): the output is the sorted vector of the raw predictions.
        var train = GbdtTestData.Heteroscedastic(3000, seed: 4);
        double[] alphas = [0.9, 0.1, 0.5, 0.45, 0.55];
        var options = new GbdtOptions { Engine = GbdtEngine.Native, NumIterations = 30, NumLeaves = 31, MinDataInLeaf = 5, NumThreads = 2 };
        var multi = new MultiQuantileGbdt(alphas, options).Fit(train);
        Assert.Equal(alphas.Order().ToArray(), multi.Alphas.ToArray());
        var all = multi.Predict(train);
        var crossed = 0;
        for (var i = 0; i < 200; i++)
        {
            var row = GbdtTestData.Row(train, i);
            var raw = multi.Models.Select(m => ((GbdtModel)m).Predict(row)).ToArray();
            crossed += raw.Zip(raw.Skip(1)).Any(p => p.First > p.Second) ? 1 : 0;
            var sorted = raw.Order().ToArray();
            Assert.Equal(sorted, all.Select(level => level[i]).ToArray());
        }

        Assert.True(crossed > 0, "the test needs raw crossings (0.45/0.5/0.55 with few trees) to be meaningful");
    }

    [Fact]
    public void Refit_trains_each_level_again_on_all_rows_with_the_early_stopped_tree_count()
    {
        // The refit is defined as: early stopping on (train, validation) picks n_k trees for level k, then level k is
        // trained from scratch on all rows with n_k trees. Checked against that definition run by hand, tree by tree.
        var train = GbdtTestData.Heteroscedastic(2000, seed: 5);
        var valid = GbdtTestData.Heteroscedastic(600, seed: 6);
        var all = GbdtTestData.Heteroscedastic(2600, seed: 7);
        double[] alphas = [0.1, 0.9];
        var options = new GbdtOptions { Engine = GbdtEngine.Native, NumIterations = 300, LearningRate = 0.3, EarlyStoppingRound = 5, NumLeaves = 15, MinDataInLeaf = 10, NumThreads = 2 };
        var stopped = new MultiQuantileGbdt(alphas, options).Fit(train, valid);
        var refit = new MultiQuantileGbdt(alphas, options).Fit(train, valid, refitOn: all);
        for (var k = 0; k < alphas.Length; k++)
        {
            var n = stopped.Models[k].TreeCount;
            Assert.InRange(n, 1, 299);
            var byHand = new GbdtTrainer(options with { Objective = GbdtObjective.Quantile, Alpha = alphas[k], NumIterations = n, EarlyStoppingRound = 0, NumThreads = 1 }).Fit(all);
            Assert.Equal(n, refit.Models[k].TreeCount);
            for (var i = 0; i < 100; i++)
            {
                var row = GbdtTestData.Row(all, i);
                Assert.Equal(byHand.Predict(row), ((GbdtModel)refit.Models[k]).Predict(row), 12);
            }
        }
    }

    [Fact]
    public void Options_out_of_range_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GbdtTrainer(new GbdtOptions { Alpha = 1.0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GbdtTrainer(new GbdtOptions { NumLeaves = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GbdtTrainer(new GbdtOptions { MaxBin = 256 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GbdtTrainer(new GbdtOptions { BaggingFraction = 0 }));
    }
}
