using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Leaf-wise (best-first) growth of one tree on binned columns (Shi 2007, "Best-first decision tree learning", and
/// LightGBM, Ke et al. 2017): the leaf with the largest split gain is split next until num_leaves. Rows of each leaf are
/// a contiguous, order-preserving segment of one index array; histograms of (sum g, sum h, count) per bin are built for
/// the smaller child only and the larger child's is the parent's minus it (histogram subtraction). Histograms are built
/// and scanned per feature in parallel, each feature summing its rows in row order, so the tree does not depend on the
/// thread count.
/// </summary>
internal sealed class TreeGrower
{
    private readonly byte[][] _bins;
    private readonly BinMapper[] _mappers;
    private readonly int[] _offset;
    private readonly int _totalBins;
    private readonly GbdtOptions _o;
    private readonly int[] _rows;
    private readonly int[] _tmp;
    private readonly float[] _orderedG;
    private readonly double[]? _orderedH;
    private readonly Histogram?[] _pool;
    private readonly SplitInfo[] _best;
    private readonly SplitInfo[] _perFeature;
    private readonly ParallelOptions _parallel;
    private readonly bool _weighted;

    /// <summary>Creates the workspace for binned columns of <paramref name="rowCount"/> rows.</summary>
    public TreeGrower(byte[][] bins, BinMapper[] mappers, int rowCount, bool weighted, GbdtOptions options)
    {
        _bins = bins;
        _mappers = mappers;
        _o = options;
        _weighted = weighted;
        _offset = new int[mappers.Length];
        for (var f = 0; f < mappers.Length; f++)
        {
            _offset[f] = _totalBins;
            _totalBins += mappers[f].BinCount;
        }

        _rows = new int[rowCount];
        _tmp = new int[rowCount];
        _orderedG = new float[rowCount];
        _orderedH = weighted ? new double[rowCount] : null;
        _pool = new Histogram?[options.NumLeaves + 1];
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
        _pool[0] ??= new Histogram(_totalBins, _weighted);
        Build(_pool[0]!, 0, bagCount, grad, hess, featureUsed, sequential: bag is null);
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
            _pool[right] ??= new Histogram(_totalBins, _weighted);
            var fresh = _pool[right]!;
            var parent = _pool[leaf]!;
            Build(fresh, tree.LeafStart[small], tree.LeafCount[small], grad, hess, featureUsed, sequential: false);
            Subtract(parent, fresh, featureUsed);
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
        var bins = _bins[s.Feature];
        var mapper = _mappers[s.Feature];
        int nl = 0, nr = 0;
        for (var k = start; k < start + count; k++)
        {
            var r = _rows[k];
            if (GrownTree.GoesLeft(in s, mapper, bins[r]))
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
        ForEachFeature(f =>
        {
            if (!used[f])
            {
                _perFeature[f] = SplitInfo.None;
                return;
            }

            var off = _offset[f];
            var nb = _mappers[f].BinCount;
            _perFeature[f] = SplitFinder.Find(
                f, _mappers[f], hist.G.AsSpan(off, nb), hist.H is null ? [] : hist.H.AsSpan(off, nb),
                hist.C.AsSpan(off, nb), total, _o);
        });

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

    private void Build(Histogram hist, int start, int count, float[] grad, double[]? hess, bool[] used, bool sequential)
    {
        if (!sequential)
        {
            for (var k = 0; k < count; k++)
            {
                var r = _rows[start + k];
                _orderedG[k] = grad[r];
                if (_orderedH is not null)
                {
                    _orderedH[k] = hess![r];
                }
            }
        }

        ForEachFeature(f =>
        {
            if (!used[f])
            {
                return;
            }

            var off = _offset[f];
            var nb = _mappers[f].BinCount;
            var g = hist.G.AsSpan(off, nb);
            var c = hist.C.AsSpan(off, nb);
            g.Clear();
            c.Clear();
            ref var g0 = ref MemoryMarshal.GetReference(g);
            ref var c0 = ref MemoryMarshal.GetReference(c);
            ref var bin0 = ref MemoryMarshal.GetArrayDataReference(_bins[f]);
            if (sequential)
            {
                ref var gr0 = ref MemoryMarshal.GetArrayDataReference(grad);
                for (var i = 0; i < count; i++)
                {
                    int b = Unsafe.Add(ref bin0, i);
                    Unsafe.Add(ref g0, b) += Unsafe.Add(ref gr0, i);
                    Unsafe.Add(ref c0, b)++;
                }
            }
            else
            {
                ref var og0 = ref MemoryMarshal.GetArrayDataReference(_orderedG);
                ref var rows0 = ref MemoryMarshal.GetArrayDataReference(_rows);
                for (var k = 0; k < count; k++)
                {
                    int b = Unsafe.Add(ref bin0, Unsafe.Add(ref rows0, start + k));
                    Unsafe.Add(ref g0, b) += Unsafe.Add(ref og0, k);
                    Unsafe.Add(ref c0, b)++;
                }
            }

            if (hist.H is not null)
            {
                var h = hist.H.AsSpan(off, nb);
                h.Clear();
                var bins = _bins[f];
                for (var k = 0; k < count; k++)
                {
                    var r = sequential ? k : _rows[start + k];
                    h[bins[r]] += sequential ? hess![k] : _orderedH![k];
                }
            }
        });
    }

    private void Subtract(Histogram parent, Histogram child, bool[] used)
    {
        for (var f = 0; f < _mappers.Length; f++)
        {
            if (!used[f])
            {
                continue;
            }

            var off = _offset[f];
            for (var b = off; b < off + _mappers[f].BinCount; b++)
            {
                parent.G[b] -= child.G[b];
                parent.C[b] -= child.C[b];
                if (parent.H is not null)
                {
                    parent.H[b] -= child.H![b];
                }
            }
        }
    }

    private void ForEachFeature(Action<int> body)
    {
        if (_parallel.MaxDegreeOfParallelism == 1)
        {
            for (var f = 0; f < _mappers.Length; f++)
            {
                body(f);
            }
        }
        else
        {
            Parallel.For(0, _mappers.Length, _parallel, body);
        }
    }

    private sealed class Histogram(int bins, bool weighted)
    {
        public double[] G { get; } = new double[bins];

        public double[]? H { get; } = weighted ? new double[bins] : null;

        public int[] C { get; } = new int[bins];
    }
}
