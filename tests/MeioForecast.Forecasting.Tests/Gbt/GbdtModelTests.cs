using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Forecasting.Tests.Gbt;

public class GbdtModelTests
{
    private static readonly GbdtOptions Rich = new()
    {
        Alpha = 0.8, NumIterations = 40, NumLeaves = 20, MinDataInLeaf = 10, MinDataPerGroup = 20, BaggingFraction = 0.7,
        BaggingFreq = 2, FeatureFraction = 0.75, Seed = 5, LambdaL2 = 1.0,
    };

    [Fact]
    public void Model_round_trips_through_json_with_bit_identical_predictions()
    {
        var train = GbdtTestData.Mixed(3000, seed: 21, weighted: true);
        var model = new GbdtTrainer(Rich with { NumThreads = 1 }).Fit(train);
        var json = GbdtModelSerializer.ToJson(model);
        var back = GbdtModelSerializer.FromJson(json);
        Assert.Equal(json, GbdtModelSerializer.ToJson(back));
        var data = GbdtTestData.Mixed(2000, seed: 22);
        var a = model.Predict(data);
        var b = back.Predict(data);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(a[i]), BitConverter.DoubleToInt64Bits(b[i]));
        }

        Assert.Equal(model.ExpectedValue, back.ExpectedValue);
        Assert.Equal(model.FeatureNames, back.FeatureNames);
        Assert.Equal(model.Categorical, back.Categorical);
        Assert.Throws<FormatException>(() => GbdtModelSerializer.FromJson(json.Replace("\"version\":1", "\"version\":9")));
    }

    [Theory]
    [InlineData(GbdtObjective.Quantile, false, true)]
    [InlineData(GbdtObjective.Quantile, false, false)]
    [InlineData(GbdtObjective.Quantile, true, true)]
    [InlineData(GbdtObjective.L2, true, true)]
    [InlineData(GbdtObjective.L1, false, true)]
    public void Thread_count_does_not_change_the_model(GbdtObjective objective, bool weighted, bool bagging)
    {
        var train = GbdtTestData.Mixed(6000, seed: 23, weighted);
        var o = bagging ? Rich with { Objective = objective } : Rich with { Objective = objective, BaggingFreq = 0 };
        var one = GbdtModelSerializer.ToJson(new GbdtTrainer(o with { NumThreads = 1 }).Fit(train));
        var two = GbdtModelSerializer.ToJson(new GbdtTrainer(o with { NumThreads = 2 }).Fit(train));
        var three = GbdtModelSerializer.ToJson(new GbdtTrainer(o with { NumThreads = 3 }).Fit(train));
        Assert.Equal(one, two);
        Assert.Equal(one, three);
    }

    [Fact]
    public void Categorical_and_missing_effects_are_learned()
    {
        // Mixed set truth (L2): E[y] = (NaN ? 4 : 2 x0) + 2 [store mod 3 == 1] + x2 + [dow >= 5]. Categorical splits must
        // isolate the non-contiguous store set {1,4,7,10}; NaN rows must be routed to their own (high) side.
        var train = GbdtTestData.Mixed(20_000, seed: 24);
        var model = new GbdtTrainer(new GbdtOptions
        {
            Objective = GbdtObjective.L2, NumIterations = 200, NumLeaves = 15, LearningRate = 0.1, NumThreads = 1,
        }).Fit(train);
        for (var store = 0; store < 12; store++)
        {
            for (var dow = 0; dow < 7; dow++)
            {
                foreach (var x0 in new[] { 0.2, 0.8, double.NaN })
                {
                    var truth = (double.IsNaN(x0) ? 4.0 : 2.0 * x0) + (store % 3 == 1 ? 2.0 : 0.0) + 0.5 + (dow >= 5 ? 1.0 : 0.0);
                    Assert.Equal(truth, model.Predict([x0, store, 0.5, dow]), 0.25);
                }
            }
        }

        // Unseen categories and NaN codes take the "right" (not in the left set) branch: prediction is finite.
        Assert.True(double.IsFinite(model.Predict([0.5, 99, 0.5, double.NaN])));
    }

    [Fact]
    public void L2_single_split_leaves_are_the_child_means()
    {
        // Closed form: with lambda_l2 = 0 and learning rate 1, an L2 leaf is -G/H = mean residual of its rows.
        double[] x = [1, 2, 3, 4, 5, 6];
        double[] y = [1, 2, 3, 10, 11, 15];
        var model = new GbdtTrainer(new GbdtOptions
        {
            Objective = GbdtObjective.L2, NumIterations = 1, NumLeaves = 2, MinDataInLeaf = 1, LearningRate = 1.0,
            MinSumHessianInLeaf = 0, NumThreads = 1,
        }).Fit(new GbdtDataset(["x"], [x], y));
        Assert.Equal(7.0, model.BaseScore, 12);
        Assert.Equal(2.0, model.Predict([2.0]), 12);
        Assert.Equal(12.0, model.Predict([5.0]), 12);
    }

    [Fact]
    public void Early_stopping_keeps_the_best_validation_prefix()
    {
        // Brute force: with early stopping the model keeps exactly the prefix of trees minimising validation pinball loss
        // among the prefixes seen (first minimum), and training stops EarlyStoppingRound trees after it.
        var train = GbdtTestData.Heteroscedastic(1500, seed: 31);
        var valid = GbdtTestData.Heteroscedastic(1500, seed: 32);
        var o = new GbdtOptions { Alpha = 0.3, NumIterations = 400, NumLeaves = 63, MinDataInLeaf = 3, LearningRate = 0.3, NumThreads = 1 };
        var full = new GbdtTrainer(o).Fit(train);
        var stopped = new GbdtTrainer(o with { EarlyStoppingRound = 10 }).Fit(train, valid);
        var rows = Enumerable.Range(0, valid.RowCount).Select(i => GbdtTestData.Row(valid, i)).ToArray();
        var score = Enumerable.Repeat(full.BaseScore, rows.Length).ToArray();
        var best = double.PositiveInfinity;
        var bestPrefix = 0;
        for (var t = 0; t < full.TreeCount; t++)
        {
            var loss = 0.0;
            for (var i = 0; i < rows.Length; i++)
            {
                score[i] += full.Trees[t].Predict(rows[i]);
                var d = valid.Label![i] - score[i];
                loss += d >= 0 ? 0.3 * d : -0.7 * d;
            }

            if (loss < best)
            {
                best = loss;
                bestPrefix = t + 1;
            }
            else if (t + 1 - bestPrefix >= 10)
            {
                break;
            }
        }

        Assert.True(bestPrefix < 400, "overfitting settings must trigger early stopping");
        Assert.Equal(bestPrefix, stopped.TreeCount);
        Assert.Equal(full.Predict(rows[0]) - full.Trees.Skip(bestPrefix).Sum(t => t.Predict(rows[0])), stopped.Predict(rows[0]), 9);
    }

    [Fact]
    public void Percentiles_match_sorting_and_the_weighted_pinball_minimiser()
    {
        var rng = new Random(41);
        for (var trial = 0; trial < 260; trial++)
        {
            // Small sets use quickselect; sets of 2048+ values (some with many ties) use the sample-bracketing path.
            var n = trial < 200 ? 1 + rng.Next(30) : 2048 + rng.Next(20_000);
            var scale = trial % 2 == 0 ? 10 : 1e6;
            var v = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * scale)).ToArray();
            var alpha = rng.NextDouble();
            var d = v.OrderByDescending(a => a).ToArray();
            var p = (1 - alpha) * n;
            var k = (int)p;
            var expected = n == 1 ? d[0] : k < 1 ? d[0] : k >= n ? d[^1] : d[k - 1] - ((d[k - 1] - d[k]) * (p - k));
            Assert.Equal(expected, Percentile.Unweighted((double[])v.Clone(), alpha), 12);

            if (n > 30)
            {
                continue;
            }

            var w = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
            var q = Percentile.Weighted((double[])v.Clone(), (double[])w.Clone(), alpha);
            double Loss(double c) => v.Select((y, i) => w[i] * (y >= c ? alpha * (y - c) : (1 - alpha) * (c - y))).Sum();
            Assert.True(v.All(c => Loss(q) <= Loss(c) + 1e-12), "weighted quantile minimises the weighted pinball loss");
        }
    }
}
