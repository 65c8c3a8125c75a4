namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Histogram gradient-boosted decision trees (Friedman 2001, "Greedy function approximation: a gradient boosting
/// machine", Ann. Statist. 29(5); Ke et al. 2017, "LightGBM", NeurIPS): features binned once (<see cref="BinMapper"/>),
/// trees grown leaf-wise on gradients (<see cref="TreeGrower"/>), leaves renewed to residual quantiles for the quantile
/// and L1 objectives, shrunk by the learning rate nu: F_m = F_{m-1} + nu * tree_m. Optional bagging, feature sampling
/// and early stopping on a validation set. The estimator holds only options; <see cref="Fit"/> returns a new model.
/// </summary>
public sealed class GbdtTrainer
{
    private readonly GbdtOptions _o;

    /// <summary>Creates the trainer with validated options.</summary>
    public GbdtTrainer(GbdtOptions? options = null)
    {
        _o = options ?? new GbdtOptions();
        _o.Validate();
    }

    /// <summary>The options.</summary>
    public GbdtOptions Options => _o;

    /// <summary>
    /// Trains on <paramref name="train"/>; <paramref name="validation"/> drives early stopping when enabled;
    /// <paramref name="progress"/> hears of every tree grown and of the end (with the trees kept).
    /// </summary>
    public GbdtModel Fit(GbdtDataset train, GbdtDataset? validation = null, IProgress<GbdtProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        var label = train.Label ?? throw new ArgumentException("The training set needs a label.", nameof(train));
        if (validation is not null && (validation.Label is null || validation.FeatureCount != train.FeatureCount))
        {
            throw new ArgumentException("The validation set needs a label and the training features.", nameof(validation));
        }

        if (train.RowCount == 0)
        {
            throw new ArgumentException("The training set is empty.", nameof(train));
        }

        var categorical = CategoricalFlags(train);
        var n = train.RowCount;
        var nf = train.FeatureCount;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _o.EffectiveThreads };
        var mappers = BuildMappers(train, categorical, parallel);
        var bins = BinColumns(train, mappers, parallel);
        var validBins = validation is null ? null : BinColumns(validation, mappers, parallel);
        var objective = new ObjectiveFunction(_o.Objective, _o.Alpha);
        var weights = train.Weights;
        var residual = objective.RenewsLeaves ? new double[n] : null;
        var init = objective.InitScore(label, weights, residual);
        var score = new double[n];
        Array.Fill(score, init);
        var validScore = validation is null ? null : new double[validation.RowCount];
        if (validScore is not null)
        {
            Array.Fill(validScore, init);
        }

        var binary = _o.Objective == GbdtObjective.Quantile ? (1.0 - _o.Alpha, -_o.Alpha) : ((double, double)?)null;
        var grower = new TreeGrower(bins, mappers, n, weights is not null, _o, binary);
        var grad = new float[n];
        var residualW = objective.RenewsLeaves && weights is not null ? new double[n] : null;
        var trees = new List<RegressionTree>(_o.NumIterations);
        var bagging = _o.BaggingFreq > 0 && _o.BaggingFraction < 1.0;
        int[]? bag = null;
        var bagCount = n;
        var featureUsed = new bool[nf];
        var bestLoss = double.PositiveInfinity;
        var bestIter = 0;
        for (var iter = 0; iter < _o.NumIterations; iter++)
        {
            if (bagging && iter % _o.BaggingFreq == 0)
            {
                bag ??= new int[n];
                bagCount = Math.Max(1, (int)(_o.BaggingFraction * n));
                SampleSorted(n, bagCount, new Random(HashSeed(_o.Seed, iter, 1)), bag);
            }

            SampleFeatures(featureUsed, iter);
            ComputeGradients(objective, score, label, weights, grad, parallel);
            var tree = grower.Grow(grad, weights, bag, bagCount, featureUsed);
            if (tree.Leaves <= 1)
            {
                break;
            }

            SetLeafValues(tree, grower.Rows, objective, label, score, weights, residual, residualW, parallel);
            UpdateScores(tree, grower.Rows, bins, mappers, score, bagging, parallel);
            trees.Add(ToRegressionTree(tree, mappers));
            progress?.Report(new GbdtProgress(_o.Alpha, trees.Count, _o.NumIterations, false));
            if (validScore is not null)
            {
                UpdateScores(tree, null, validBins!, mappers, validScore, true, parallel);
                if (_o.EarlyStoppingRound > 0)
                {
                    var loss = objective.MeanLoss(validScore, validation!.Label!, validation.Weights);
                    if (loss < bestLoss)
                    {
                        bestLoss = loss;
                        bestIter = trees.Count;
                    }
                    else if (trees.Count - bestIter >= _o.EarlyStoppingRound)
                    {
                        break;
                    }
                }
            }
        }

        if (validScore is not null && _o.EarlyStoppingRound > 0 && bestIter < trees.Count)
        {
            trees.RemoveRange(bestIter, trees.Count - bestIter);
        }

        progress?.Report(new GbdtProgress(_o.Alpha, trees.Count, _o.NumIterations, true));

        return new GbdtModel(train.FeatureNames, categorical, _o.Objective, objective.Alpha, init, [.. trees]);
    }

    private bool[] CategoricalFlags(GbdtDataset train)
    {
        var flags = train.Categorical.ToArray();
        foreach (var name in _o.CategoricalFeatures)
        {
            var f = train.FeatureNames.ToList().IndexOf(name);
            if (f < 0)
            {
                throw new ArgumentException($"Categorical feature '{name}' is not a column of the dataset.", nameof(train));
            }

            flags[f] = true;
        }

        return flags;
    }

    private BinMapper[] BuildMappers(GbdtDataset data, bool[] categorical, ParallelOptions parallel)
    {
        var n = data.RowCount;
        int[]? sample = null;
        if (n > _o.BinConstructSampleCount)
        {
            sample = new int[_o.BinConstructSampleCount];
            SampleSorted(n, sample.Length, new Random(HashSeed(_o.Seed, 0, 2)), sample);
        }

        var mappers = new BinMapper[data.FeatureCount];
        Parallel.For(0, data.FeatureCount, parallel, () => sample is null ? [] : new double[sample.Length], (f, _, values) =>
        {
            var col = data.Columns[f];
            if (sample is null)
            {
                mappers[f] = BinMapper.Create(col, categorical[f], _o.MaxBin);
                return values;
            }

            for (var i = 0; i < sample.Length; i++)
            {
                values[i] = col[sample[i]];
            }

            mappers[f] = BinMapper.Create(values, categorical[f], _o.MaxBin);
            return values;
        }, _ => { });
        return mappers;
    }

    private static byte[][] BinColumns(GbdtDataset data, BinMapper[] mappers, ParallelOptions parallel)
    {
        var bins = new byte[data.FeatureCount][];
        Parallel.For(0, data.FeatureCount, parallel, f =>
        {
            var col = data.Columns[f];
            var b = new byte[col.Length];
            var m = mappers[f];
            for (var i = 0; i < col.Length; i++)
            {
                b[i] = (byte)m.BinOf(col[i]);
            }

            bins[f] = b;
        });
        return bins;
    }

    private void SampleFeatures(bool[] used, int iter)
    {
        if (_o.FeatureFraction >= 1.0)
        {
            Array.Fill(used, true);
            return;
        }

        var k = Math.Max(1, (int)Math.Round(_o.FeatureFraction * used.Length));
        var chosen = new int[k];
        SampleSorted(used.Length, k, new Random(HashSeed(_o.Seed, iter, 3)), chosen);
        Array.Clear(used);
        foreach (var f in chosen)
        {
            used[f] = true;
        }
    }

    /// <summary>Selection sampling (Knuth, TAOCP vol. 2, Algorithm S): k of n indices, uniformly, in increasing order.</summary>
    private static void SampleSorted(int n, int k, Random rng, int[] into)
    {
        var chosen = 0;
        for (var i = 0; i < n && chosen < k; i++)
        {
            if (rng.NextDouble() * (n - i) < k - chosen)
            {
                into[chosen++] = i;
            }
        }
    }

    private static int HashSeed(int seed, int iter, int stream) =>
        unchecked((seed * 1_000_003) ^ (iter * 7919) ^ (stream * 104_729));

    private static void ComputeGradients(
        ObjectiveFunction objective, double[] score, double[] label, double[]? weights, float[] grad, ParallelOptions parallel)
    {
        const int block = 1 << 16;
        Parallel.For(0, (score.Length + block - 1) / block, parallel, b =>
        {
            var end = Math.Min(score.Length, (b + 1) * block);
            for (var i = b * block; i < end; i++)
            {
                var g = objective.Gradient(score[i], label[i]);
                grad[i] = (float)(weights is null ? g : g * weights[i]);
            }
        });
    }

    private void SetLeafValues(
        GrownTree tree, int[] rows, ObjectiveFunction objective, double[] label, double[] score, double[]? weights,
        double[]? residual, double[]? residualW, ParallelOptions parallel)
    {
        Parallel.For(0, tree.Leaves, parallel, leaf =>
        {
            double value;
            if (residual is null)
            {
                value = -tree.LeafG[leaf] / (tree.LeafH[leaf] + _o.LambdaL2);
            }
            else
            {
                // Leaf renewal: the alpha-quantile of the residuals y - F_{m-1}(x) of the leaf's rows (disjoint slices).
                var start = tree.LeafStart[leaf];
                var count = tree.LeafCount[leaf];
                for (var k = start; k < start + count; k++)
                {
                    var r = rows[k];
                    residual[k] = label[r] - score[r];
                    if (residualW is not null)
                    {
                        residualW[k] = weights![r];
                    }
                }

                value = residualW is null
                    ? Percentile.Unweighted(residual.AsSpan(start, count), objective.Alpha)
                    : Percentile.Weighted(residual.AsSpan(start, count), residualW.AsSpan(start, count), objective.Alpha);
            }

            tree.LeafValue[leaf] = value * _o.LearningRate;
        });
    }

    private static void UpdateScores(
        GrownTree tree, int[]? rows, byte[][] bins, BinMapper[] mappers, double[] score, bool traverse,
        ParallelOptions parallel)
    {
        if (!traverse)
        {
            Parallel.For(0, tree.Leaves, parallel, leaf =>
            {
                var v = tree.LeafValue[leaf];
                var end = tree.LeafStart[leaf] + tree.LeafCount[leaf];
                for (var k = tree.LeafStart[leaf]; k < end; k++)
                {
                    score[rows![k]] += v;
                }
            });
            return;
        }

        const int block = 1 << 14;
        Parallel.For(0, (score.Length + block - 1) / block, parallel, b =>
        {
            var end = Math.Min(score.Length, (b + 1) * block);
            for (var i = b * block; i < end; i++)
            {
                score[i] += tree.LeafValue[tree.LeafOf(bins, mappers, i)];
            }
        });
    }

    private static RegressionTree ToRegressionTree(GrownTree t, BinMapper[] mappers)
    {
        var nodes = t.Leaves - 1;
        var feature = new int[nodes];
        var threshold = new double[nodes];
        var defaultLeft = new bool[nodes];
        var cats = new int[]?[nodes];
        for (var i = 0; i < nodes; i++)
        {
            var s = t.Splits[i];
            var m = mappers[s.Feature];
            feature[i] = s.Feature;
            if (s.IsCategorical)
            {
                threshold[i] = double.NaN;
                var list = new List<int>();
                for (var b = 0; b < m.ValueBinCount; b++)
                {
                    if (s.CatLeft(b))
                    {
                        list.Add(m.BinToCategory[b]);
                    }
                }

                list.Sort();
                cats[i] = [.. list];
            }
            else
            {
                threshold[i] = m.UpperBounds[s.ThresholdBin];
                defaultLeft[i] = s.DefaultLeft;
            }
        }

        return new RegressionTree(
            feature, threshold, defaultLeft, cats, t.LeftChild[..nodes], t.RightChild[..nodes], t.NodeCover[..nodes],
            t.LeafValue[..t.Leaves], t.LeafH[..t.Leaves]);
    }
}
