using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Leaf-wise (best-first) growth of one tree on binned rows (Shi 2007, "Best-first decision tree learning", and
/// LightGBM, Ke et al. 2017): the leaf with the largest split gain is split next until num_leaves. Rows of each leaf are
/// a contiguous, order-preserving segment of one index array; histograms of (sum g, count[, sum h]) per bin are built for
/// the smaller child only and the larger child's is the parent's minus it (histogram subtraction). Bins are stored
/// row-major (one cache line per row, LightGBM's "row-wise" histogram mode). Histograms are summed over fixed blocks of
/// rows, in parallel, and the block histograms are added in block order; split search runs per feature in parallel.
/// Neither depends on the thread count, so neither does the tree.
/// </summary>
internal sealed class TreeGrower
{
    /// <summary>Rows per histogram block (fixed: the floating-point summation order must not depend on threads).</summary>
    private const int BlockRows = 1 << 15;

    private readonly byte[] _bins;
    private readonly int _nf;
    private readonly BinMapper[] _mappers;
    private readonly int[] _offset;
    private readonly int _totalBins;
    private readonly int _stride;
    private readonly GbdtOptions _o;
    private readonly int[] _rows;
    private readonly int[] _tmp;
    private readonly double[]?[] _blockHist;
    private readonly double[]?[] _pool;
    private readonly SplitInfo[] _best;
    private readonly SplitInfo[] _perFeature;
    private readonly ParallelOptions _parallel;

    /// <summary>Creates the workspace for row-major bins of <paramref name="rowCount"/> rows.</summary>
    public TreeGrower(byte[] bins, BinMapper[] mappers, int rowCount, bool weighted, GbdtOptions options)
    {
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

        _rows = new int[rowCount];
        _tmp = new int[rowCount];
        _blockHist = new double[]?[(rowCount + BlockRows - 1) / BlockRows];
        _pool = new double[]?[options.NumLeaves + 1];
        _best = new SplitInfo[options.NumLeaves];
        _perFeature = new SplitInfo[mappers.Length];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveThreads };
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
        for (var k = 0; k < bagCount; k++)
        {
            var r = _rows[k];
            sg += grad[r];
            sh += hess is null ? 1.0 : hess[r];
        }

        tree.LeafG[0] = sg;
        tree.LeafH[0] = sh;
        _pool[0] ??= new double[_totalBins * _stride];
        Build(_pool[0]!, 0, bagCount, grad, hess);
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
            _pool[right] ??= new double[_totalBins * _stride];
            var fresh = _pool[right]!;
            var parent = _pool[leaf]!;
            Build(fresh, tree.LeafStart[small], tree.LeafCount[small], grad, hess);
            for (var i = 0; i < parent.Length; i++)
            {
                parent[i] -= fresh[i];
            }

            if (leftSmaller)
            {
                _pool[leaf] = fresh;
                _pool[right] = parent;
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
        var feature = s.Feature;
        int nl = 0, nr = 0;
        for (var k = start; k < start + count; k++)
        {
            var r = _rows[k];
            if (GrownTree.GoesLeft(in s, mapper, _bins[((long)r * _nf) + feature]))
            {
                _rows[start + nl++] = r;
            }
            else
            {
                _tmp[nr++] = r;
            }
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

        var hist = _pool[leaf]!;
        var total = (tree.LeafG[leaf], tree.LeafH[leaf], tree.LeafCount[leaf]);
        var body = (int f) =>
        {
            _perFeature[f] = used[f]
                ? SplitFinder.Find(
                    f, _mappers[f], hist.AsSpan(_offset[f] * _stride, _mappers[f].BinCount * _stride), _stride, total, _o)
                : SplitInfo.None;
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

    /// <summary>
    /// Histogram of the rows Rows[start .. start + count): each fixed block of <see cref="BlockRows"/> rows is summed
    /// separately (in parallel), then the blocks are added in order.
    /// </summary>
    private void Build(double[] hist, int start, int count, float[] grad, double[]? hess)
    {
        var blocks = (count + BlockRows - 1) / BlockRows;
        if (blocks <= 1)
        {
            Array.Clear(hist);
            Accumulate(hist, start, count, grad, hess);
            return;
        }

        var body = (int b) =>
        {
            var h = _blockHist[b] ??= new double[hist.Length];
            Array.Clear(h);
            Accumulate(h, start + (b * BlockRows), Math.Min(BlockRows, count - (b * BlockRows)), grad, hess);
        };
        if (_parallel.MaxDegreeOfParallelism == 1)
        {
            for (var b = 0; b < blocks; b++)
            {
                body(b);
            }
        }
        else
        {
            Parallel.For(0, blocks, _parallel, body);
        }

        Array.Copy(_blockHist[0]!, hist, hist.Length);
        for (var b = 1; b < blocks; b++)
        {
            var h = _blockHist[b]!;
            for (var i = 0; i < hist.Length; i++)
            {
                hist[i] += h[i];
            }
        }
    }

    private void Accumulate(double[] hist, int start, int count, float[] grad, double[]? hess)
    {
        var nf = _nf;
        Span<int> off = stackalloc int[nf];
        for (var f = 0; f < nf; f++)
        {
            off[f] = _offset[f] * _stride;
        }

        ref var h0 = ref MemoryMarshal.GetArrayDataReference(hist);
        ref var bins0 = ref MemoryMarshal.GetArrayDataReference(_bins);
        ref var rows0 = ref MemoryMarshal.GetArrayDataReference(_rows);
        ref var g0 = ref MemoryMarshal.GetArrayDataReference(grad);
        ref var off0 = ref MemoryMarshal.GetReference(off);
        for (var k = start; k < start + count; k++)
        {
            var r = Unsafe.Add(ref rows0, k);
            double g = Unsafe.Add(ref g0, r);
            ref var rowBins = ref Unsafe.Add(ref bins0, (nint)r * nf);
            if (hess is null)
            {
                for (var f = 0; f < nf; f++)
                {
                    ref var cell = ref Unsafe.Add(ref h0, Unsafe.Add(ref off0, f) + (Unsafe.Add(ref rowBins, f) << 1));
                    cell += g;
                    Unsafe.Add(ref cell, 1) += 1.0;
                }
            }
            else
            {
                var hr = hess[r];
                for (var f = 0; f < nf; f++)
                {
                    ref var cell = ref Unsafe.Add(ref h0, Unsafe.Add(ref off0, f) + (Unsafe.Add(ref rowBins, f) * 3));
                    cell += g;
                    Unsafe.Add(ref cell, 1) += 1.0;
                    Unsafe.Add(ref cell, 2) += hr;
                }
            }
        }
    }
}
