namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Exact path-dependent TreeSHAP (Lundberg, Erion and Lee 2018, "Consistent individualized feature attribution for tree
/// ensembles", arXiv:1706.06060, Algorithm 2): the Shapley values of f_x(S) = E[f(x) | x_S], where the expectation
/// follows x on splits of features in S and averages the children by training cover elsewhere. Runs in O(L D^2) per tree
/// (L leaves, D depth). Symbols: the path m holds for each feature d on the current path the fraction z of "zero" paths
/// (feature absent, cover ratio) and o of "one" paths (feature present: 1 if x follows the branch, else 0), and the
/// permutation weights w; EXTEND and UNWIND grow and shrink m; contributions phi_i + E[f] = f(x).
/// </summary>
internal static class TreeShap
{
    /// <summary>Adds the contributions of <paramref name="tree"/> at <paramref name="row"/> to <paramref name="phi"/>.</summary>
    public static void Add(RegressionTree tree, ReadOnlySpan<double> row, Span<double> phi)
    {
        if (tree.NodeCount == 0)
        {
            return;
        }

        var d = tree.MaxDepth + 2;
        var path = new PathElement[d * (d + 1) / 2 + d];
        Recurse(tree, row, phi, 0, path, 0, 0, 1.0, 1.0, -1);
    }

    private static void Recurse(
        RegressionTree tree, ReadOnlySpan<double> row, Span<double> phi, int node, PathElement[] buffer, int parentOffset,
        int depth, double zeroFraction, double oneFraction, int feature)
    {
        var offset = parentOffset + depth + 1;
        var m = buffer.AsSpan(offset);
        buffer.AsSpan(parentOffset, depth + 1).CopyTo(m);
        Extend(m, depth, zeroFraction, oneFraction, feature);
        if (node < 0)
        {
            var value = tree.LeafValue[~node];
            for (var i = 1; i <= depth; i++)
            {
                var w = UnwoundSum(m, depth, i);
                phi[m[i].Feature] += w * (m[i].One - m[i].Zero) * value;
            }

            return;
        }

        var split = tree.SplitFeature[node];
        var left = tree.GoesLeft(node, row[split]);
        var hot = left ? tree.LeftChild[node] : tree.RightChild[node];
        var cold = left ? tree.RightChild[node] : tree.LeftChild[node];
        var cover = tree.NodeCover[node];
        var hotZero = tree.Cover(hot) / cover;
        var coldZero = tree.Cover(cold) / cover;
        double incomingZero = 1, incomingOne = 1;
        var k = 0;
        while (k <= depth && m[k].Feature != split)
        {
            k++;
        }

        if (k <= depth)
        {
            incomingZero = m[k].Zero;
            incomingOne = m[k].One;
            Unwind(m, depth, k);
            depth--;
        }

        Recurse(tree, row, phi, hot, buffer, offset, depth + 1, hotZero * incomingZero, incomingOne, split);
        Recurse(tree, row, phi, cold, buffer, offset, depth + 1, coldZero * incomingZero, 0.0, split);
    }

    private static void Extend(Span<PathElement> m, int depth, double zero, double one, int feature)
    {
        m[depth] = new PathElement { Feature = feature, Zero = zero, One = one, Weight = depth == 0 ? 1.0 : 0.0 };
        for (var i = depth - 1; i >= 0; i--)
        {
            m[i + 1].Weight += one * m[i].Weight * (i + 1) / (depth + 1);
            m[i].Weight = zero * m[i].Weight * (depth - i) / (depth + 1);
        }
    }

    private static void Unwind(Span<PathElement> m, int depth, int index)
    {
        var one = m[index].One;
        var zero = m[index].Zero;
        var next = m[depth].Weight;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var tmp = m[i].Weight;
                m[i].Weight = next * (depth + 1) / ((i + 1) * one);
                next = tmp - (m[i].Weight * zero * (depth - i) / (depth + 1));
            }
            else
            {
                m[i].Weight = m[i].Weight * (depth + 1) / (zero * (depth - i));
            }
        }

        for (var i = index; i < depth; i++)
        {
            m[i].Feature = m[i + 1].Feature;
            m[i].Zero = m[i + 1].Zero;
            m[i].One = m[i + 1].One;
        }
    }

    private static double UnwoundSum(Span<PathElement> m, int depth, int index)
    {
        var one = m[index].One;
        var zero = m[index].Zero;
        var next = m[depth].Weight;
        var total = 0.0;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var tmp = next * (depth + 1) / ((i + 1) * one);
                total += tmp;
                next = m[i].Weight - (tmp * zero * (depth - i) / (depth + 1));
            }
            else if (zero != 0)
            {
                total += m[i].Weight / zero / ((depth - i) / (double)(depth + 1));
            }
        }

        return total;
    }

    private struct PathElement
    {
        public int Feature;
        public double Zero;
        public double One;
        public double Weight;
    }
}
