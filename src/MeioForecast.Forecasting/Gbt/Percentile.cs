namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Sample alpha-quantiles used for the initial score and the leaf renewal of the quantile and L1 objectives.
/// Unweighted: LightGBM's interpolated order statistic (with values sorted in decreasing order d_0 &gt;= d_1 &gt;= ...,
/// p = (1 - alpha) n, k = floor p: the maximum if k &lt; 1, the minimum if k &gt;= n, else d_{k-1} - (d_{k-1} - d_k)(p - k)),
/// found in O(n) by quickselect (Hoare 1961, "Algorithm 65: Find", CACM). Weighted: the smallest value whose
/// cumulative weight reaches alpha times the total weight (a minimiser of the weighted pinball loss), O(n log n).
/// </summary>
internal static class Percentile
{
    /// <summary>Unweighted alpha-quantile; reorders <paramref name="values"/>.</summary>
    public static double Unweighted(Span<double> values, double alpha)
    {
        var n = values.Length;
        if (n == 0)
        {
            return 0.0;
        }

        if (n == 1)
        {
            return values[0];
        }

        var p = (1.0 - alpha) * n;
        var k = (int)p;
        if (k < 1)
        {
            return Max(values);
        }

        if (k >= n)
        {
            return Min(values);
        }

        // Ascending order a: d_{k-1} = a[n-k], d_k = a[n-k-1].
        var (v2, v1) = SelectPair(values, n - k - 1);
        return v1 - ((v1 - v2) * (p - k));
    }

    /// <summary>Weighted alpha-quantile of <paramref name="values"/> with weights <paramref name="weights"/>; reorders both.</summary>
    public static double Weighted(Span<double> values, Span<double> weights, double alpha)
    {
        if (values.Length == 0)
        {
            return 0.0;
        }

        values.Sort(weights);
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var target = alpha * total;
        var cum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            cum += weights[i];
            if (cum >= target && weights[i] > 0)
            {
                return values[i];
            }
        }

        return values[^1];
    }

    /// <summary>
    /// The k-th and (k+1)-th smallest values (0-based; k + 1 &lt; n). Large inputs first bracket them between two order
    /// statistics of an evenly spaced sample (Floyd and Rivest 1975, "Algorithm 489: SELECT", CACM), keep only the
    /// values inside the bracket in one predictable pass, and select there; otherwise quickselect on everything.
    /// </summary>
    public static (double Kth, double Next) SelectPair(Span<double> a, int k)
    {
        var n = a.Length;
        if (n >= 2048)
        {
            var size = Math.Min(n / 8, 1024);
            var sample = System.Buffers.ArrayPool<double>.Shared.Rent(size);
            var middle = System.Buffers.ArrayPool<double>.Shared.Rent(n);
            try
            {
                var step = n / size;
                for (var i = 0; i < size; i++)
                {
                    sample[i] = a[i * step];
                }

                var sp = sample.AsSpan(0, size);
                sp.Sort();
                var pos = (int)((long)k * size / n);
                var delta = (int)(2 * Math.Sqrt(size)) + 2;
                var lo = sp[Math.Max(0, pos - delta)];
                var hi = sp[Math.Min(size - 1, pos + delta)];
                var below = 0;
                var m = 0;
                foreach (var v in a)
                {
                    below += v < lo ? 1 : 0;
                    middle[m] = v;
                    m += v >= lo && v <= hi ? 1 : 0;
                }

                var kk = k - below;
                if (kk >= 0 && kk + 1 < m)
                {
                    var mid = middle.AsSpan(0, m);
                    var kth = Select(mid, kk);
                    return (kth, Min(mid[(kk + 1)..]));
                }
            }
            finally
            {
                System.Buffers.ArrayPool<double>.Shared.Return(sample);
                System.Buffers.ArrayPool<double>.Shared.Return(middle);
            }
        }

        var v0 = Select(a, k);
        return (v0, Min(a[(k + 1)..]));
    }

    /// <summary>Moves the k-th smallest value to position k (smaller before, larger after) and returns it.</summary>
    public static double Select(Span<double> a, int k)
    {
        var lo = 0;
        var hi = a.Length - 1;
        while (hi > lo)
        {
            // Median-of-three pivot, Hoare partition.
            var mid = lo + ((hi - lo) >> 1);
            if (a[mid] < a[lo])
            {
                (a[mid], a[lo]) = (a[lo], a[mid]);
            }

            if (a[hi] < a[lo])
            {
                (a[hi], a[lo]) = (a[lo], a[hi]);
            }

            if (a[hi] < a[mid])
            {
                (a[hi], a[mid]) = (a[mid], a[hi]);
            }

            var pivot = a[mid];
            var i = lo;
            var j = hi;
            while (i <= j)
            {
                while (a[i] < pivot)
                {
                    i++;
                }

                while (a[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return a[k];
            }
        }

        return a[k];
    }

    private static double Max(ReadOnlySpan<double> a)
    {
        var m = a[0];
        foreach (var v in a)
        {
            m = v > m ? v : m;
        }

        return m;
    }

    private static double Min(ReadOnlySpan<double> a)
    {
        var m = a[0];
        foreach (var v in a)
        {
            m = v < m ? v : m;
        }

        return m;
    }
}
