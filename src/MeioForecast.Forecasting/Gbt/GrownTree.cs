namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// A tree as grown on binned data (LightGBM's layout): internal node i has children LeftChild[i], RightChild[i], where a
/// negative child ~k denotes leaf k. Leaf k holds the training rows Rows[LeafStart[k] .. LeafStart[k] + LeafCount[k]).
/// </summary>
internal sealed class GrownTree
{
    /// <summary>Creates an empty tree with room for <paramref name="maxLeaves"/> leaves.</summary>
    public GrownTree(int maxLeaves)
    {
        Splits = new SplitInfo[maxLeaves];
        LeftChild = new int[maxLeaves];
        RightChild = new int[maxLeaves];
        NodeCover = new double[maxLeaves];
        LeafStart = new int[maxLeaves];
        LeafCount = new int[maxLeaves];
        LeafG = new double[maxLeaves];
        LeafH = new double[maxLeaves];
        LeafValue = new double[maxLeaves];
        LeafParent = new int[maxLeaves];
        LeafDepth = new int[maxLeaves];
    }

    /// <summary>Number of leaves.</summary>
    public int Leaves { get; set; }

    /// <summary>Split of each internal node.</summary>
    public SplitInfo[] Splits { get; }

    /// <summary>Left child (negative ~k = leaf k).</summary>
    public int[] LeftChild { get; }

    /// <summary>Right child (negative ~k = leaf k).</summary>
    public int[] RightChild { get; }

    /// <summary>Hessian sum of the rows reaching each internal node.</summary>
    public double[] NodeCover { get; }

    /// <summary>First position of each leaf's rows in the partition.</summary>
    public int[] LeafStart { get; }

    /// <summary>Rows in each leaf.</summary>
    public int[] LeafCount { get; }

    /// <summary>Gradient sum per leaf.</summary>
    public double[] LeafG { get; }

    /// <summary>Hessian sum per leaf.</summary>
    public double[] LeafH { get; }

    /// <summary>Output per leaf (set after growth).</summary>
    public double[] LeafValue { get; }

    /// <summary>Parent node of each leaf (-1 for the root leaf).</summary>
    public int[] LeafParent { get; }

    /// <summary>Depth of each leaf (root = 0).</summary>
    public int[] LeafDepth { get; }

    /// <summary>Leaf reached by row <paramref name="row"/> of binned columns <paramref name="bins"/>.</summary>
    public int LeafOf(byte[][] bins, BinMapper[] mappers, int row)
    {
        if (Leaves <= 1)
        {
            return 0;
        }

        var node = 0;
        while (node >= 0)
        {
            ref readonly var s = ref Splits[node];
            int b = bins[s.Feature][row];
            node = GoesLeft(in s, mappers[s.Feature], b) ? LeftChild[node] : RightChild[node];
        }

        return ~node;
    }

    /// <summary>Routing rule of a binned value at a split.</summary>
    public static bool GoesLeft(in SplitInfo s, BinMapper mapper, int bin) =>
        s.IsCategorical ? s.CatLeft(bin) : bin == mapper.MissingBin ? s.DefaultLeft : bin <= s.ThresholdBin;
}
