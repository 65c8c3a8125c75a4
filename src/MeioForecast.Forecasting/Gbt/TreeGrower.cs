using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Leaf-wise (best-first) growth of one tree on binned columns (Shi 2007, "Best-first decision tree learning", and
/// LightGBM, Ke et al. 2017): the leaf with the largest split gain is split next until num_leaves. Rows of each leaf are
/// a contiguous, order-preserving segment of one index array; histograms (<see cref="HistogramBuilder"/>) are built for
/// the smaller child only and the larger child's is the parent's minus it (histogram subtraction). Histograms and split
/// search run per feature in parallel, so the tree does not depend on the thread count.
/// </summary>
internal sealed class TreeGrower
{
    private readonly byte[][] _bins;
    private readonly int _nf;
    private readonly BinMapper[] _mappers;
    private readonly int[] _offset;
    private readonly int _totalBins;
    private readonly int _stride;
    private readonly GbdtOptions _o;
    private readonly int[] _rows;
    private readonly int[] _tmp;
    private readonly HistogramBuilder _builder;
    private readonly double[]?[] _pool;
    private readonly SplitInfo[] _best;
    private readonly SplitInfo[] _perFeature;
    private readonly ParallelOptions _parallel;
    private readonly bool _packed;
    private readonly double _gPos;
    private readonly double _gNeg;
    private readonly long[]?[] _packedPool;

    /// <summary>Creates the workspace for column-major bins of <paramref name="rowCount"/> rows.</summary>
    /// <param name="bins">Column-major bins.</param>
    /// <param name="mappers">Bin mappers.</param>
    /// <param name="rowCount">Rows.</param>
    /// <param name="weighted">True when hessians vary by row.</param>
    /// <param name="options">Options.</param>
    /// <param name="binaryGradient">
    /// For unweighted quantile loss, the two gradient values (g &gt; 0, g &lt;= 0): histograms then count rows per bin
    /// and positive-gradient rows per bin in one packed 64-bit integer (exact, one add per row and feature).
    /// </param>
    public TreeGrower(
        byte[][] bins, BinMapper[] mappers, int rowCount, bool weighted, GbdtOptions options,
        (double Pos, double Neg)? binaryGradient = null)
    {
        _packed = binaryGradient is not null && !weighted;
        (_gPos, _gNeg) = binaryGradient ?? (0, 0);
        _bins = bins;
        _nf = mappers.Length;
        _mappers = mappers;
        _o = options;
        _stride = weighted ? 3 : 2;
        _offset = new int[mappers.Length];
        for (var f = 0; f < mappers.Length; f++)
        {
            _offset[f] = _totalBins;
            _totalBins += mappers[f].BinCount;
        }

        _parallel = new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveThreads };
        _rows = new int[rowCount];
        _tmp = new int[rowCount];
        _pool = new double[]?[_packed ? 0 : options.NumLeaves + 1];
        _packedPool = new long[]?[_packed ? options.NumLeaves + 1 : 0];
        _builder = new HistogramBuilder(bins, mappers, _offset, _stride, rowCount, _packed, _parallel);
        _best = new SplitInfo[options.NumLeaves];
        _perFeature = new SplitInfo[mappers.Length];
    }

    /// <summary>The row partition: leaf k of the last grown tree holds Rows[LeafStart[k] .. + LeafCount[k]).</summary>
    public int[] Rows => _rows;

    /// <summary>Grows one tree on the rows <paramref name="bag"/> (null = all rows) with gradients and hessians.</summary>
    /// <param name="grad">Gradient per row.</param>
    /// <param name="hess">Hessian per row, or null when it equals 1 for every row.</param>
    /// <param name="bag">Sorted rows used by this tree, or null for all.</param>
    /// <param name="bagCount">Number of rows used.</param>
    /// <param name="featureUsed">Features eligible for splits in this tree.</param>
    public GrownTree Grow(float[] grad, double[]? hess, int[]? bag, int bagCount, bool[] featureUsed)
    {
        var tree = new GrownTree(_o.NumLeaves);
        if (bag is null)
        {
            for (var i = 0; i < bagCount; i++)
            {
                _rows[i] = i;
            }
        }
        else
        {
            Array.Copy(bag, _rows, bagCount);
        }

        tree.Leaves = 1;
        tree.LeafStart[0] = 0;
        tree.LeafCount[0] = bagCount;
        tree.LeafParent[0] = -1;
        double sg = 0, sh = 0;
        var positive = 0;
        for (var k = 0; k < bagCount; k++)
        {
            var r = _rows[k];
            sg += grad[r];
            sh += hess is null ? 1.0 : hess[r];
            positive += grad[r] > 0 ? 1 : 0;
        }

        tree.LeafG[0] = _packed ? (positive * _gPos) + ((bagCount - positive) * _gNeg) : sg;
        tree.LeafH[0] = sh;
        if (_packed)
        {
            _packedPool[0] ??= new long[_totalBins];
            if (bag is null)
            {
                _builder.BuildPackedRoot(_packedPool[0]!, grad, featureUsed);
            }
            else
            {
                _builder.BuildPacked(_packedPool[0]!, _rows, 0, bagCount, grad, featureUsed);
            }
        }
        else
        {
            _pool[0] ??= new double[_totalBins * _stride];
            _builder.Build(_pool[0]!, _rows, 0, bagCount, grad, hess, featureUsed);
        }

        _best[0] = FindBest(tree, 0, featureUsed);

        while (tree.Leaves < _o.NumLeaves)
        {
            var leaf = -1;
            var bestGain = 0.0;
            for (var l = 0; l < tree.Leaves; l++)
            {
                if (_best[l].IsValid && _best[l].Gain > bestGain)
                {
                    bestGain = _best[l].Gain;
                    leaf = l;
                }
            }

            if (leaf < 0)
            {
                break;
            }

            var right = tree.Leaves;
            Split(tree, leaf, right);
            var leftSmaller = tree.LeafCount[leaf] <= tree.LeafCount[right];
            var small = leftSmaller ? leaf : right;
            if (_packed)
            {
                var fresh = _packedPool[right] ??= new long[_totalBins];
                var parent = _packedPool[leaf]!;
                _builder.BuildPacked(fresh, _rows, tree.LeafStart[small], tree.LeafCount[small], grad, featureUsed);
                for (var i = 0; i < parent.Length; i++)
                {
                    parent[i] -= fresh[i];
                }

                if (leftSmaller)
                {
                    (_packedPool[leaf], _packedPool[right]) = (fresh, parent);
                }
            }
            else
            {
                var fresh = _pool[right] ??= new double[_totalBins * _stride];
                var parent = _pool[leaf]!;
                _builder.Build(fresh, _rows, tree.LeafStart[small], tree.LeafCount[small], grad, hess, featureUsed);
                for (var i = 0; i < parent.Length; i++)
                {
                    parent[i] -= fresh[i];
                }

                if (leftSmaller)
                {
                    (_pool[leaf], _pool[right]) = (fresh, parent);
                }
            }

            _best[leaf] = FindBest(tree, leaf, featureUsed);
            _best[right] = FindBest(tree, right, featureUsed);
        }

        return tree;
    }

    private void Split(GrownTree tree, int leaf, int right)
    {
        var node = tree.Leaves - 1;
        var s = _best[leaf];
        tree.Splits[node] = s;
        tree.NodeCover[node] = tree.LeafH[leaf];
        var parent = tree.LeafParent[leaf];
        if (parent >= 0)
        {
            if (tree.LeftChild[parent] == ~leaf)
            {
                tree.LeftChild[parent] = node;
            }
            else
            {
                tree.RightChild[parent] = node;
            }
        }

        tree.LeftChild[node] = ~leaf;
        tree.RightChild[node] = ~right;

        // Stable partition of the leaf's segment: left rows stay in front, right rows follow, both in row order.
        var start = tree.LeafStart[leaf];
        var count = tree.LeafCount[leaf];
        var mapper = _mappers[s.Feature];
        var bins = _bins[s.Feature];
        Span<int> goesLeft = stackalloc int[256];
        for (var bin = 0; bin < mapper.BinCount; bin++)
        {
            goesLeft[bin] = GrownTree.GoesLeft(in s, mapper, bin) ? 1 : 0;
        }

        // Branch-free: every row is written to both sides and only the matching cursor advances.
        int nl = 0, nr = 0;
        for (var k = start; k < start + count; k++)
        {
            var r = _rows[k];
            var left = goesLeft[bins[r]];
            _rows[start + nl] = r;
            _tmp[nr] = r;
            nl += left;
            nr += 1 - left;
        }

        Array.Copy(_tmp, 0, _rows, start + nl, nr);
        tree.Leaves++;
        tree.LeafCount[leaf] = nl;
        tree.LeafStart[right] = start + nl;
        tree.LeafCount[right] = nr;
        tree.LeafG[leaf] = s.LeftG;
        tree.LeafH[leaf] = s.LeftH;
        tree.LeafG[right] = s.RightG;
        tree.LeafH[right] = s.RightH;
        tree.LeafParent[leaf] = node;
        tree.LeafParent[right] = node;
        tree.LeafDepth[leaf]++;
        tree.LeafDepth[right] = tree.LeafDepth[leaf];
    }

    private SplitInfo FindBest(GrownTree tree, int leaf, bool[] used)
    {
        if ((_o.MaxDepth > 0 && tree.LeafDepth[leaf] >= _o.MaxDepth) || tree.LeafCount[leaf] < 2 * _o.MinDataInLeaf)
        {
            return SplitInfo.None;
        }

        var total = (tree.LeafG[leaf], tree.LeafH[leaf], tree.LeafCount[leaf]);
        var body = (int f) =>
        {
            if (!used[f])
            {
                _perFeature[f] = SplitInfo.None;
                return;
            }

            var nb = _mappers[f].BinCount;
            Span<double> g = stackalloc double[nb];
            Span<double> h = stackalloc double[nb];
            Span<int> c = stackalloc int[nb];
            if (_packed)
            {
                var hist = _packedPool[leaf].AsSpan(_offset[f], nb);
                for (var b = 0; b < nb; b++)
                {
                    var count = (int)(hist[b] >> 32);
                    var pos = (int)(hist[b] & 0xFFFF_FFFF);
                    g[b] = (pos * _gPos) + ((count - pos) * _gNeg);
                    h[b] = count;
                    c[b] = count;
                }
            }
            else
            {
                var hist = _pool[leaf].AsSpan(_offset[f] * _stride, nb * _stride);
                for (var b = 0; b < nb; b++)
                {
                    g[b] = hist[b * _stride];
                    c[b] = (int)hist[(b * _stride) + 1];
                    h[b] = _stride == 3 ? hist[(b * _stride) + 2] : c[b];
                }
            }

            _perFeature[f] = SplitFinder.Find(f, _mappers[f], g, h, c, total, _o);
        };
        if (_parallel.MaxDegreeOfParallelism == 1)
        {
            for (var f = 0; f < _nf; f++)
            {
                body(f);
            }
        }
        else
        {
            Parallel.For(0, _nf, _parallel, body);
        }

        var best = SplitInfo.None;
        foreach (var s in _perFeature)
        {
            if (s.Feature >= 0 && s.Gain > best.Gain)
            {
                best = s;
            }
        }

        return best;
    }
}
