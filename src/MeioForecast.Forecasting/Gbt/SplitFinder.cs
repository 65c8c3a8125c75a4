namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Best split of one feature from its histogram (Ke et al. 2017, LightGBM, Algorithm 1). The gain of a split with
/// child gradient sums G_L, G_R and hessian sums H_L, H_R is G_L^2/(H_L+lambda) + G_R^2/(H_R+lambda) - G^2/(H+lambda)
/// (Chen and Guestrin 2016, XGBoost, eq. 7, without the 1/2 and gamma). Numeric features scan bin thresholds twice, with
/// the missing bin on the right then on the left, so the missing direction is learned. Categorical features use
/// one-vs-rest splits when they have few categories, else LightGBM's ordering of categories by G/(H + cat_smooth) and a
/// scan from both ends (Fisher 1958, "On grouping for maximum homogeneity", JASA, optimal for convex losses).
/// </summary>
internal static class SplitFinder
{
    /// <summary>Finds the best split of feature <paramref name="feature"/> given its histogram slices.</summary>
    /// <param name="feature">Feature index.</param>
    /// <param name="mapper">Its bin mapper.</param>
    /// <param name="g">Gradient sum per bin.</param>
    /// <param name="h">Hessian sum per bin.</param>
    /// <param name="c">Row count per bin.</param>
    /// <param name="total">Leaf sums (G, H, count).</param>
    /// <param name="o">Options.</param>
    public static SplitInfo Find(
        int feature, BinMapper mapper, ReadOnlySpan<double> g, ReadOnlySpan<double> h, ReadOnlySpan<int> c,
        (double G, double H, int C) total, GbdtOptions o)
    {
        var parent = Score(total.G, total.H, o.LambdaL2) + o.MinGainToSplit;
        return mapper.IsCategorical
            ? Categorical(feature, mapper, g, h, c, total, o, parent)
            : Numeric(feature, mapper, g, h, c, total, o, parent);
    }

    private static double Score(double g, double h, double lambda) => g * g / (h + lambda);

    private static bool Allowed(double h, int c, GbdtOptions o) => c >= o.MinDataInLeaf && h >= o.MinSumHessianInLeaf;

    private static SplitInfo Numeric(
        int feature, BinMapper mapper, ReadOnlySpan<double> g, ReadOnlySpan<double> h, ReadOnlySpan<int> c,
        (double G, double H, int C) total, GbdtOptions o, double parent)
    {
        var best = SplitInfo.None;
        var nv = mapper.ValueBinCount;
        var m = mapper.MissingBin;
        var hasMissing = c[m] > 0;
        for (var dir = 0; dir < (hasMissing ? 2 : 1); dir++)
        {
            var missingLeft = dir == 1;
            double lg = missingLeft ? g[m] : 0;
            double lh = missingLeft ? h[m] : 0;
            var lc = missingLeft ? c[m] : 0;
            for (var t = 0; t < nv - 1; t++)
            {
                lg += g[t];
                lh += h[t];
                lc += c[t];
                var rc = total.C - lc;
                if (lc < o.MinDataInLeaf || lh < o.MinSumHessianInLeaf)
                {
                    continue;
                }

                if (rc < o.MinDataInLeaf)
                {
                    break;
                }

                var rg = total.G - lg;
                var rh = total.H - lh;
                if (rh < o.MinSumHessianInLeaf)
                {
                    break;
                }

                var gain = Score(lg, lh, o.LambdaL2) + Score(rg, rh, o.LambdaL2) - parent;
                if (gain > best.Gain && gain > 0)
                {
                    best = new SplitInfo
                    {
                        Gain = gain, Feature = feature, ThresholdBin = t, DefaultLeft = missingLeft,
                        LeftG = lg, LeftH = lh, LeftCount = lc, RightG = rg, RightH = rh, RightCount = rc,
                    };
                }
            }
        }

        if (best.Feature >= 0 && !hasMissing)
        {
            // No missing value seen here: send future missing values to the larger child.
            best.DefaultLeft = best.LeftCount >= best.RightCount;
        }

        return best;
    }

    private static SplitInfo Categorical(
        int feature, BinMapper mapper, ReadOnlySpan<double> g, ReadOnlySpan<double> h, ReadOnlySpan<int> c,
        (double G, double H, int C) total, GbdtOptions o, double parent)
    {
        var best = SplitInfo.None;
        var k = mapper.ValueBinCount;
        if (k <= o.MaxCatToOnehot)
        {
            for (var b = 0; b < k; b++)
            {
                double lh = h[b];
                var rc = total.C - c[b];
                var rh = total.H - lh;
                if (!Allowed(lh, c[b], o) || !Allowed(rh, rc, o))
                {
                    continue;
                }

                var gain = Score(g[b], lh, o.LambdaL2) + Score(total.G - g[b], rh, o.LambdaL2) - parent;
                if (gain > best.Gain && gain > 0)
                {
                    best = new SplitInfo
                    {
                        Gain = gain, Feature = feature, IsCategorical = true, LeftG = g[b], LeftH = lh,
                        LeftCount = c[b], RightG = total.G - g[b], RightH = rh, RightCount = rc,
                    };
                    best.SetCatLeft(b);
                }
            }

            return best;
        }

        Span<int> order = stackalloc int[k];
        Span<double> ratio = stackalloc double[k];
        var used = 0;
        for (var b = 0; b < k; b++)
        {
            if (c[b] >= o.MinDataPerGroup)
            {
                order[used] = b;
                ratio[used] = g[b] / (h[b] + o.CatSmooth);
                used++;
            }
        }

        if (used < 2)
        {
            return best;
        }

        // Stable sort of the used bins by gradient ratio (insertion sort keeps ties in bin order).
        for (var i = 1; i < used; i++)
        {
            var (ob, r) = (order[i], ratio[i]);
            var j = i - 1;
            while (j >= 0 && ratio[j] > r)
            {
                order[j + 1] = order[j];
                ratio[j + 1] = ratio[j];
                j--;
            }

            order[j + 1] = ob;
            ratio[j + 1] = r;
        }

        var lambda = o.LambdaL2 + o.CatL2;
        var maxCats = Math.Min(o.MaxCatThreshold, (used + 1) / 2);
        for (var dir = 0; dir < 2; dir++)
        {
            double lg = 0, lh = 0;
            var lc = 0;
            for (var i = 0; i < used && i < maxCats; i++)
            {
                var b = order[dir == 0 ? i : used - 1 - i];
                lg += g[b];
                lh += h[b];
                lc += c[b];
                var rc = total.C - lc;
                var rh = total.H - lh;
                if (!Allowed(lh, lc, o))
                {
                    continue;
                }

                if (!Allowed(rh, rc, o))
                {
                    break;
                }

                var gain = Score(lg, lh, lambda) + Score(total.G - lg, rh, lambda) - parent;
                if (gain > best.Gain && gain > 0)
                {
                    best = new SplitInfo
                    {
                        Gain = gain, Feature = feature, IsCategorical = true, LeftG = lg, LeftH = lh, LeftCount = lc,
                        RightG = total.G - lg, RightH = rh, RightCount = rc,
                    };
                    for (var j = 0; j <= i; j++)
                    {
                        best.SetCatLeft(order[dir == 0 ? j : used - 1 - j]);
                    }
                }
            }
        }

        return best;
    }
}
