namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Per-feature discretisation computed once before boosting (Ke et al. 2017, LightGBM, section 2.1 "histogram-based
/// algorithm"). Numeric features: up to max_bin equal-frequency value bins from a row sample, bin i holding the values in
/// (upper[i-1], upper[i]], plus a last bin for NaN. Categorical features: the max_bin most frequent categories each get a
/// bin, in decreasing frequency; a last bin holds missing, negative, rare and unseen categories (always sent right).
/// </summary>
internal sealed class BinMapper
{
    private readonly Dictionary<int, int>? _categoryToBin;
    private readonly double[] _search;

    private BinMapper(bool categorical, double[] upperBounds, int[] binToCategory)
    {
        IsCategorical = categorical;
        UpperBounds = upperBounds;
        BinToCategory = binToCategory;

        // Upper bounds padded with +infinity to 256 entries for a fixed 8-step branch-free binary search.
        _search = new double[256];
        Array.Fill(_search, double.PositiveInfinity);
        upperBounds.CopyTo(_search, 0);
        if (categorical)
        {
            _categoryToBin = new Dictionary<int, int>(binToCategory.Length);
            for (var b = 0; b < binToCategory.Length; b++)
            {
                _categoryToBin[binToCategory[b]] = b;
            }
        }
    }

    /// <summary>True for a categorical feature.</summary>
    public bool IsCategorical { get; }

    /// <summary>Numeric: inclusive upper bound of each value bin (last = +infinity). Empty for categorical.</summary>
    public double[] UpperBounds { get; }

    /// <summary>Categorical: the category value of each category bin. Empty for numeric.</summary>
    public int[] BinToCategory { get; }

    /// <summary>Bins holding values (numeric) or categories (categorical).</summary>
    public int ValueBinCount => IsCategorical ? BinToCategory.Length : UpperBounds.Length;

    /// <summary>Index of the bin for missing values (numeric) or missing/other categories (categorical).</summary>
    public int MissingBin => ValueBinCount;

    /// <summary>Total bins including the missing bin.</summary>
    public int BinCount => ValueBinCount + 1;

    /// <summary>The category code of a raw value: its integer part when in [0, int.MaxValue), else -1 (missing).</summary>
    public static int CategoryOf(double x) => x is >= 0 and < int.MaxValue ? (int)x : -1;

    /// <summary>Builds the mapper of one feature from sampled values.</summary>
    public static BinMapper Create(ReadOnlySpan<double> sample, bool categorical, int maxBin)
    {
        return categorical ? CreateCategorical(sample, maxBin) : CreateNumeric(sample, maxBin);
    }

    /// <summary>Bin of a raw value.</summary>
    public int BinOf(double x)
    {
        if (IsCategorical)
        {
            var c = CategoryOf(x);
            return c >= 0 && _categoryToBin!.TryGetValue(c, out var b) ? b : MissingBin;
        }

        if (double.IsNaN(x))
        {
            return MissingBin;
        }

        // First bin whose upper bound is >= x (the last bound is +infinity): count the bounds below x in 8 steps.
        var s = _search;
        var i = 0;
        i += x > s[i + 127] ? 128 : 0;
        i += x > s[i + 63] ? 64 : 0;
        i += x > s[i + 31] ? 32 : 0;
        i += x > s[i + 15] ? 16 : 0;
        i += x > s[i + 7] ? 8 : 0;
        i += x > s[i + 3] ? 4 : 0;
        i += x > s[i + 1] ? 2 : 0;
        i += x > s[i] ? 1 : 0;
        return i;
    }

    private static BinMapper CreateNumeric(ReadOnlySpan<double> sample, int maxBin)
    {
        // Sort the non-missing values in a pooled buffer, then walk the distinct values in place (no per-value lists).
        var buffer = System.Buffers.ArrayPool<double>.Shared.Rent(Math.Max(1, sample.Length));
        try
        {
            var total = 0;
            foreach (var v in sample)
            {
                if (!double.IsNaN(v))
                {
                    buffer[total++] = v;
                }
            }

            var values = buffer.AsSpan(0, total);
            values.Sort();
            var distinct = 0;
            for (var i = 0; i < total; i++)
            {
                distinct += i == 0 || values[i] != values[i - 1] ? 1 : 0;
            }

            var bounds = new List<double>(Math.Min(distinct, maxBin));
            long cum = 0;
            for (var i = 0; i < total; i++)
            {
                cum++;
                var last = i + 1 == total || values[i + 1] != values[i];
                if (!last || i + 1 == total)
                {
                    continue;
                }

                // Distinct values below max_bin each get a bin; otherwise greedy equal-frequency cuts close a bin once
                // its cumulative count reaches the next 1/max_bin share of the rows.
                if (distinct <= maxBin || (bounds.Count < maxBin - 1 && cum * maxBin >= (long)(bounds.Count + 1) * total))
                {
                    bounds.Add(Midpoint(values[i], values[i + 1]));
                }
            }

            bounds.Add(double.PositiveInfinity);
            return new BinMapper(false, [.. bounds], []);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static double Midpoint(double a, double b)
    {
        var m = a + ((b - a) / 2);
        return m >= b || double.IsInfinity(m) ? a : m;
    }

    private static BinMapper CreateCategorical(ReadOnlySpan<double> sample, int maxBin)
    {
        var counts = new Dictionary<int, int>();
        foreach (var v in sample)
        {
            var c = CategoryOf(v);
            if (c >= 0)
            {
                counts[c] = counts.TryGetValue(c, out var k) ? k + 1 : 1;
            }
        }

        var cats = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(maxBin).Select(p => p.Key).ToArray();
        return new BinMapper(true, [], cats);
    }
}
