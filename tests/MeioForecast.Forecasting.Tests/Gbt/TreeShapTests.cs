using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Forecasting.Tests.Gbt;

public class TreeShapTests
{
    private static GbdtModel SmallModel(GbdtObjective objective)
    {
        var train = GbdtTestData.Mixed(3000, seed: 11);
        var options = new GbdtOptions
        {
            Objective = objective, Alpha = 0.7, NumIterations = 12, NumLeaves = 8, MinDataInLeaf = 20,
            MinDataPerGroup = 10, NumThreads = 1,
        };
        return new GbdtTrainer(options).Fit(train);
    }

    /// <summary>
    /// Brute force (Lundberg et al. 2018, eq. 1 and Algorithm 1): phi_i = sum over S not containing i of
    /// |S|! (M - |S| - 1)! / M! (f_x(S + i) - f_x(S)), with f_x(S) the tree's expected value when the features in S are
    /// fixed to x and the others are averaged by training cover; enumerates all 2^M subsets.
    /// </summary>
    private static double[] BruteForceShapley(GbdtModel model, double[] row)
    {
        var m = row.Length;
        var phi = new double[m];
        var value = new double[1 << m];
        for (var s = 0; s < value.Length; s++)
        {
            value[s] = model.Trees.Sum(t => Conditional(t, row, s, 0));
        }

        var fact = new double[m + 1];
        fact[0] = 1;
        for (var k = 1; k <= m; k++)
        {
            fact[k] = fact[k - 1] * k;
        }

        for (var i = 0; i < m; i++)
        {
            for (var s = 0; s < value.Length; s++)
            {
                if ((s & (1 << i)) != 0)
                {
                    continue;
                }

                var size = System.Numerics.BitOperations.PopCount((uint)s);
                phi[i] += fact[size] * fact[m - size - 1] / fact[m] * (value[s | (1 << i)] - value[s]);
            }
        }

        return phi;
    }

    private static double Conditional(RegressionTree t, double[] row, int subset, int node)
    {
        if (t.NodeCount == 0)
        {
            return t.LeafValue[0];
        }

        if (node < 0)
        {
            return t.LeafValue[~node];
        }

        var f = t.SplitFeature[node];
        if ((subset & (1 << f)) != 0)
        {
            return Conditional(t, row, subset, t.GoesLeft(node, row[f]) ? t.LeftChild[node] : t.RightChild[node]);
        }

        var l = t.LeftChild[node];
        var r = t.RightChild[node];
        return ((t.Cover(l) * Conditional(t, row, subset, l)) + (t.Cover(r) * Conditional(t, row, subset, r)))
            / t.NodeCover[node];
    }

    [Theory]
    [InlineData(GbdtObjective.Quantile)]
    [InlineData(GbdtObjective.L2)]
    public void TreeShap_equals_brute_force_Shapley_values(GbdtObjective objective)
    {
        var model = SmallModel(objective);
        var data = GbdtTestData.Mixed(40, seed: 12);
        Assert.True(model.Trees.Any(t => t.LeftCategories.Any(c => c is not null)), "needs categorical splits");
        Assert.True(model.Trees.Max(t => t.MaxDepth) >= 3, "needs deep trees with repeated features");
        for (var i = 0; i < data.RowCount; i++)
        {
            var row = GbdtTestData.Row(data, i);
            var phi = model.Contributions(row);
            var brute = BruteForceShapley(model, row);
            for (var f = 0; f < row.Length; f++)
            {
                Assert.Equal(brute[f], phi[f], 1e-9);
            }

            // The empty coalition's value is the expected value.
            Assert.Equal(model.Trees.Sum(t => Conditional(t, row, 0, 0)) + model.BaseScore, phi[^1], 1e-9);
        }
    }

    [Fact]
    public void Contributions_add_up_to_every_prediction()
    {
        var train = GbdtTestData.Mixed(4000, seed: 13);
        var model = new GbdtTrainer(new GbdtOptions { Alpha = 0.9, NumIterations = 60, NumLeaves = 31, NumThreads = 1 })
            .Fit(train);
        var data = GbdtTestData.Mixed(2000, seed: 14);
        var pred = model.Predict(data, numThreads: 2);
        var contrib = model.Contributions(data, numThreads: 2);
        for (var i = 0; i < data.RowCount; i++)
        {
            Assert.Equal(pred[i], contrib[i].Sum(), 1e-9);
            Assert.Equal(model.ExpectedValue, contrib[i][^1]);
        }
    }
}
