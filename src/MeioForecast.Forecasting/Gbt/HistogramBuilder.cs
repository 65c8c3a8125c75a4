using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Builds per-bin histograms of a leaf's rows from column-major bins (Ke et al. 2017, LightGBM, Algorithm 1), one feature
/// per task so features run in parallel and each feature sums its rows in row order: the result does not depend on the
/// thread count. Two layouts: general, (sum g, count[, sum h]) as doubles with a stride of 2 or 3 per bin; and packed,
/// for unweighted quantile loss whose gradient takes two values, one 64-bit integer per bin holding the row count
/// (high 32 bits) and the count of positive-gradient rows (low 32 bits), so one exact integer add per row and feature.
/// </summary>
internal sealed class HistogramBuilder
{
    private readonly byte[][] _bins;
    private readonly BinMapper[] _mappers;
    private readonly int[] _offset;
    private readonly int _stride;
    private readonly float[] _orderedG;
    private readonly double[]? _orderedH;
    private readonly long[] _orderedAdd;
    private readonly ParallelOptions _parallel;
    private readonly int[] _minority;
    private long[]? _rootCounts;

    /// <summary>Creates the builder for column-major bins.</summary>
    public HistogramBuilder(byte[][] bins, BinMapper[] mappers, int[] offset, int stride, int rowCount, bool packed, ParallelOptions parallel)
    {
        _bins = bins;
        _mappers = mappers;
        _offset = offset;
        _stride = stride;
        _orderedG = packed ? [] : new float[rowCount];
        _orderedH = !packed && stride == 3 ? new double[rowCount] : null;
        _orderedAdd = packed ? new long[rowCount] : [];
        _parallel = parallel;
        _minority = packed ? new int[rowCount] : [];
    }

    /// <summary>General histogram of rows[start .. start + count) for the used features.</summary>
    public void Build(double[] hist, int[] rows, int start, int count, float[] grad, double[]? hess, bool[] used)
    {
        for (var k = 0; k < count; k++)
        {
            var r = rows[start + k];
            _orderedG[k] = grad[r];
            if (_orderedH is not null)
            {
                _orderedH[k] = hess![r];
            }
        }

        ForEachFeature(used, f =>
        {
            var nb = _mappers[f].BinCount;
            var h = hist.AsSpan(_offset[f] * _stride, nb * _stride);
            h.Clear();
            ref var h0 = ref MemoryMarshal.GetReference(h);
            ref var bin0 = ref MemoryMarshal.GetArrayDataReference(_bins[f]);
            ref var rows0 = ref MemoryMarshal.GetArrayDataReference(rows);
            ref var g0 = ref MemoryMarshal.GetArrayDataReference(_orderedG);
            if (_orderedH is null)
            {
                for (var k = 0; k < count; k++)
                {
                    ref var cell = ref Unsafe.Add(ref h0, Unsafe.Add(ref bin0, Unsafe.Add(ref rows0, start + k)) << 1);
                    cell += Unsafe.Add(ref g0, k);
                    Unsafe.Add(ref cell, 1) += 1.0;
                }
            }
            else
            {
                for (var k = 0; k < count; k++)
                {
                    ref var cell = ref Unsafe.Add(ref h0, Unsafe.Add(ref bin0, Unsafe.Add(ref rows0, start + k)) * 3);
                    cell += Unsafe.Add(ref g0, k);
                    Unsafe.Add(ref cell, 1) += 1.0;
                    Unsafe.Add(ref cell, 2) += _orderedH[k];
                }
            }
        });
    }

    /// <summary>Packed histogram of rows[start .. start + count) for the used features.</summary>
    public void BuildPacked(long[] hist, int[] rows, int start, int count, float[] grad, bool[] used)
    {
        for (var k = 0; k < count; k++)
        {
            _orderedAdd[k] = grad[rows[start + k]] > 0 ? (1L << 32) | 1L : 1L << 32;
        }

        AccumulatePacked(hist, rows, start, count, used);
    }

    /// <summary>
    /// Packed histogram of all rows 0..n-1 (the root without bagging). The row counts per bin do not change between
    /// trees and are computed once; each tree then only scans the minority side of the gradient sign (for alpha = 0.9,
    /// about 10% of the rows): positive counts directly, or as count minus the non-positive rows.
    /// </summary>
    public void BuildPackedRoot(long[] hist, float[] grad, bool[] used)
    {
        var n = _minority.Length;
        if (_rootCounts is null)
        {
            var all = new int[n];
            for (var i = 0; i < n; i++)
            {
                all[i] = i;
                _orderedAdd[i] = 1L << 32;
            }

            _rootCounts = new long[hist.Length];
            AccumulatePacked(_rootCounts, all, 0, n, Enumerable.Repeat(true, _bins.Length).ToArray());
        }

        var positives = 0;
        for (var i = 0; i < n; i++)
        {
            positives += grad[i] > 0 ? 1 : 0;
        }

        var takePositive = positives * 2L <= n;
        var m = 0;
        for (var i = 0; i < n; i++)
        {
            if ((grad[i] > 0) == takePositive)
            {
                _minority[m] = i;
                _orderedAdd[m++] = 1;
            }
        }

        AccumulatePacked(hist, _minority, 0, m, used);
        for (var b = 0; b < hist.Length; b++)
        {
            hist[b] = takePositive ? _rootCounts[b] + hist[b] : _rootCounts[b] + (_rootCounts[b] >> 32) - hist[b];
        }
    }

    private void AccumulatePacked(long[] hist, int[] rows, int start, int count, bool[] used)
    {
        // Features are processed four at a time (one pass over the row indices and adds feeds four histograms), each
        // with two interleaved sub-histograms to break the store-to-load dependency between consecutive rows of a bin.
        // Missing group members repeat the group's first feature (computed twice, written once more: same values).
        var list = Enumerable.Range(0, used.Length).Where(f => used[f]).ToArray();
        var groups = (list.Length + 3) / 4;
        var body = (int p) =>
        {
            Span<int> fs = stackalloc int[4];
            for (var j = 0; j < 4; j++)
            {
                fs[j] = (4 * p) + j < list.Length ? list[(4 * p) + j] : list[4 * p];
            }

            Span<long> local = stackalloc long[8 * 256];
            local.Clear();
            ref var l0 = ref MemoryMarshal.GetReference(local);
            ref var bin0 = ref MemoryMarshal.GetArrayDataReference(_bins[fs[0]]);
            ref var bin1 = ref MemoryMarshal.GetArrayDataReference(_bins[fs[1]]);
            ref var bin2 = ref MemoryMarshal.GetArrayDataReference(_bins[fs[2]]);
            ref var bin3 = ref MemoryMarshal.GetArrayDataReference(_bins[fs[3]]);
            ref var a0 = ref MemoryMarshal.GetArrayDataReference(_orderedAdd);
            ref var r0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rows), start);
            var k = 0;
            for (; k + 1 < count; k += 2)
            {
                var ra = Unsafe.Add(ref r0, k);
                var rb = Unsafe.Add(ref r0, k + 1);
                var aa = Unsafe.Add(ref a0, k);
                var ab = Unsafe.Add(ref a0, k + 1);
                Unsafe.Add(ref l0, Unsafe.Add(ref bin0, ra)) += aa;
                Unsafe.Add(ref l0, 256 + Unsafe.Add(ref bin0, rb)) += ab;
                Unsafe.Add(ref l0, 512 + Unsafe.Add(ref bin1, ra)) += aa;
                Unsafe.Add(ref l0, 768 + Unsafe.Add(ref bin1, rb)) += ab;
                Unsafe.Add(ref l0, 1024 + Unsafe.Add(ref bin2, ra)) += aa;
                Unsafe.Add(ref l0, 1280 + Unsafe.Add(ref bin2, rb)) += ab;
                Unsafe.Add(ref l0, 1536 + Unsafe.Add(ref bin3, ra)) += aa;
                Unsafe.Add(ref l0, 1792 + Unsafe.Add(ref bin3, rb)) += ab;
            }

            if (k < count)
            {
                var ra = Unsafe.Add(ref r0, k);
                var aa = Unsafe.Add(ref a0, k);
                Unsafe.Add(ref l0, Unsafe.Add(ref bin0, ra)) += aa;
                Unsafe.Add(ref l0, 512 + Unsafe.Add(ref bin1, ra)) += aa;
                Unsafe.Add(ref l0, 1024 + Unsafe.Add(ref bin2, ra)) += aa;
                Unsafe.Add(ref l0, 1536 + Unsafe.Add(ref bin3, ra)) += aa;
            }

            for (var j = 3; j >= 0; j--)
            {
                var h = hist.AsSpan(_offset[fs[j]], _mappers[fs[j]].BinCount);
                for (var b = 0; b < h.Length; b++)
                {
                    h[b] = local[(512 * j) + b] + local[(512 * j) + 256 + b];
                }
            }
        };
        if (_parallel.MaxDegreeOfParallelism == 1)
        {
            for (var p = 0; p < groups; p++)
            {
                body(p);
            }
        }
        else
        {
            Parallel.For(0, groups, _parallel, body);
        }
    }

    private void ForEachFeature(bool[] used, Action<int> body)
    {
        if (_parallel.MaxDegreeOfParallelism == 1)
        {
            for (var f = 0; f < used.Length; f++)
            {
                if (used[f])
                {
                    body(f);
                }
            }
        }
        else
        {
            Parallel.For(0, used.Length, _parallel, f =>
            {
                if (used[f])
                {
                    body(f);
                }
            });
        }
    }
}
