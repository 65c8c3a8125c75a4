namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// An immutable fitted tree on raw feature values. Internal node i splits feature SplitFeature[i]: numeric rows go left
/// when x &lt;= Threshold[i] (NaN follows DefaultLeft[i]); categorical rows go left when their category code is in
/// LeftCategories[i] (NaN, negative and unseen codes go right). A negative child ~k is leaf k. Covers are the training
/// hessian sums (row counts when unweighted) used by TreeSHAP.
/// </summary>
internal sealed class RegressionTree
{
    /// <summary>Creates a tree; arrays are owned by the tree.</summary>
    public RegressionTree(
        int[] splitFeature, double[] threshold, bool[] defaultLeft, int[]?[] leftCategories, int[] leftChild,
        int[] rightChild, double[] nodeCover, double[] leafValue, double[] leafCover)
    {
        SplitFeature = splitFeature;
        Threshold = threshold;
        DefaultLeft = defaultLeft;
        LeftCategories = leftCategories;
        LeftChild = leftChild;
        RightChild = rightChild;
        NodeCover = nodeCover;
        LeafValue = leafValue;
        LeafCover = leafCover;
        MaxDepth = leafValue.Length <= 1 ? 0 : Depth(0);
    }

    /// <summary>Split feature per internal node.</summary>
    public int[] SplitFeature { get; }

    /// <summary>Numeric threshold per internal node (NaN for categorical nodes).</summary>
    public double[] Threshold { get; }

    /// <summary>Direction of missing values per numeric node.</summary>
    public bool[] DefaultLeft { get; }

    /// <summary>Sorted category codes sent left (null for numeric nodes).</summary>
    public int[]?[] LeftCategories { get; }

    /// <summary>Left child per internal node (negative ~k = leaf k).</summary>
    public int[] LeftChild { get; }

    /// <summary>Right child per internal node (negative ~k = leaf k).</summary>
    public int[] RightChild { get; }

    /// <summary>Training cover per internal node.</summary>
    public double[] NodeCover { get; }

    /// <summary>Output per leaf (learning rate included).</summary>
    public double[] LeafValue { get; }

    /// <summary>Training cover per leaf.</summary>
    public double[] LeafCover { get; }

    /// <summary>Number of internal nodes.</summary>
    public int NodeCount => SplitFeature.Length;

    /// <summary>Depth of the deepest leaf.</summary>
    public int MaxDepth { get; }

    /// <summary>Cover of a node given as a child pointer (negative = leaf).</summary>
    public double Cover(int child) => child < 0 ? LeafCover[~child] : NodeCover[child];

    /// <summary>True when a row with value <paramref name="x"/> goes left at node <paramref name="node"/>.</summary>
    public bool GoesLeft(int node, double x)
    {
        var cats = LeftCategories[node];
        if (cats is not null)
        {
            var c = BinMapper.CategoryOf(x);
            return c >= 0 && Array.BinarySearch(cats, c) >= 0;
        }

        return double.IsNaN(x) ? DefaultLeft[node] : x <= Threshold[node];
    }

    /// <summary>Leaf index reached by <paramref name="row"/>.</summary>
    public int Leaf(ReadOnlySpan<double> row)
    {
        if (NodeCount == 0)
        {
            return 0;
        }

        var node = 0;
        while (node >= 0)
        {
            node = GoesLeft(node, row[SplitFeature[node]]) ? LeftChild[node] : RightChild[node];
        }

        return ~node;
    }

    /// <summary>Output for <paramref name="row"/>.</summary>
    public double Predict(ReadOnlySpan<double> row) => LeafValue[Leaf(row)];

    /// <summary>
    /// Expected output over the training distribution: the leaf values weighted by the products of the cover ratios
    /// cover(child) / cover(node) along their paths (the same weights TreeSHAP uses, so contributions add up exactly).
    /// </summary>
    public double ExpectedValue() => NodeCount == 0 ? LeafValue[0] : Expected(0);

    private double Expected(int child)
    {
        if (child < 0)
        {
            return LeafValue[~child];
        }

        var c = NodeCover[child];
        return ((Cover(LeftChild[child]) / c) * Expected(LeftChild[child]))
            + ((Cover(RightChild[child]) / c) * Expected(RightChild[child]));
    }

    private int Depth(int child) =>
        child < 0 ? 0 : 1 + Math.Max(Depth(LeftChild[child]), Depth(RightChild[child]));
}
