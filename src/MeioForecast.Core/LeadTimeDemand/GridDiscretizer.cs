using MeioForecast.Core.Distributions;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>
/// Puts a demand distribution on the grid x_i = i * h (h = step), the common grid on which lead-time convolutions run.
/// </summary>
/// <remarks>
/// Continuous distributions: the method of rounding (Klugman, Panjer &amp; Willmot 2012, Loss Models, 4th ed., sec. 9.6.5):
/// pmf_i = F((i + 1/2) h) - F((i - 1/2) h), read back as a histogram (mass uniform over the cell), so the Cdf is exact at
/// cell edges and the mean is preserved to O(h^2) for smooth densities. Integer-valued distributions: each integer k
/// carries its exact mass P(D = k); when h &gt; 1 it is split between the two neighbouring grid points in proportion to
/// distance (mean-preserving), and the result is a lattice. Tails beyond the tailMass quantiles are lumped into the end
/// points (the upper one at the cap when one is given). A <see cref="DiscreteDistribution"/> already on the grid is
/// returned as is.
/// </remarks>
public static class GridDiscretizer
{
    /// <summary>
    /// Discretises <paramref name="distribution"/> on step <paramref name="step"/>, cutting tails of mass
    /// <paramref name="tailMass"/>; values above <paramref name="upperCap"/> (default none) are lumped at the cap.
    /// </summary>
    public static DiscreteDistribution Discretize(DemandDistribution distribution, double step, double tailMass = 1e-10, double upperCap = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        if (!(step > 0.0) || !double.IsFinite(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be finite and positive.");
        }

        if (!(tailMass > 0.0 && tailMass < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(tailMass), tailMass, "The tail mass must lie in (0, 0.5).");
        }

        if (distribution is DiscreteDistribution grid && OnGrid(grid, step) && grid.Value(grid.Count - 1) <= upperCap)
        {
            return grid;
        }

        var lo = distribution.Quantile(tailMass);
        var hi = Math.Min(distribution.Quantile(1.0 - tailMass), upperCap);
        lo = Math.Min(lo, hi);
        return distribution.IsIntegerValued ? Integer(distribution, step, lo, hi) : Continuous(distribution, step, lo, hi);
    }

    private static bool OnGrid(DiscreteDistribution grid, double step)
    {
        if (Math.Abs(grid.Step - step) > 1e-12 * step)
        {
            return false;
        }

        var k = grid.Origin / step;
        return Math.Abs(k - Math.Round(k)) < 1e-9;
    }

    private static DiscreteDistribution Integer(DemandDistribution distribution, double step, double lo, double hi)
    {
        var first = (long)Math.Floor(lo);
        var last = Math.Max(first, (long)Math.Ceiling(hi));
        var masses = IntegerMasses(distribution, first, last);
        var i0 = (long)Math.Floor(first / step);
        var i1 = (long)Math.Ceiling(last / step);
        var pmf = new double[i1 - i0 + 1];
        for (var k = first; k <= last; k++)
        {
            var mass = masses[k - first];
            var position = k / step;
            var j = (long)Math.Floor(position);
            var fraction = position - j;
            pmf[j - i0] += (1.0 - fraction) * mass;
            if (fraction > 0.0)
            {
                pmf[j + 1 - i0] += fraction * mass;
            }
        }

        return Trimmed(i0 * step, step, pmf, true);
    }

    /// <summary>
    /// P(D = k) for k = first..last, with P(D &lt;= first) at first and P(D &gt;= last) at last. Poisson and negative binomial
    /// use the pmf recurrences p(k+1) = p(k) lambda/(k+1) and p(k+1) = p(k) (1-p)(k+r)/(k+1); others differences of the Cdf.
    /// </summary>
    private static double[] IntegerMasses(DemandDistribution distribution, long first, long last)
    {
        var masses = new double[last - first + 1];
        (double Log, Func<long, double> Ratio)? recurrence = distribution switch
        {
            PoissonDistribution ps when ps.Rate > 0.0 =>
                (-ps.Rate + first * Math.Log(ps.Rate) - SpecialFunctions.LogGamma(first + 1.0), k => ps.Rate / k),
            NegativeBinomialDistribution nb when nb.SuccessProbability < 1.0 =>
                (LogNegativeBinomial(nb, first), k => (1.0 - nb.SuccessProbability) * (k - 1 + nb.R) / k),
            _ => null,
        };

        if (recurrence is { } r && last > first)
        {
            var below = distribution.Cdf(first);
            var pk = Math.Exp(r.Log);
            masses[0] = below;
            var total = below;
            for (var k = first + 1; k < last; k++)
            {
                pk *= r.Ratio(k);
                masses[k - first] = pk;
                total += pk;
            }

            masses[^1] = Math.Max(0.0, 1.0 - total);
            return masses;
        }

        var previous = 0.0;
        for (var k = first; k <= last; k++)
        {
            var cdf = k == last ? 1.0 : distribution.Cdf(k);
            masses[k - first] = Math.Max(0.0, cdf - previous);
            previous = Math.Max(previous, cdf);
        }

        return masses;
    }

    private static double LogNegativeBinomial(NegativeBinomialDistribution nb, long k) =>
        SpecialFunctions.LogGamma(k + nb.R) - SpecialFunctions.LogGamma(k + 1.0) - SpecialFunctions.LogGamma(nb.R)
        + nb.R * Math.Log(nb.SuccessProbability) + k * Math.Log(1.0 - nb.SuccessProbability);

    private static DiscreteDistribution Continuous(DemandDistribution distribution, double step, double lo, double hi)
    {
        var i0 = (long)Math.Round(lo / step);
        var i1 = Math.Max(i0, (long)Math.Round(hi / step));
        var pmf = new double[i1 - i0 + 1];
        var previous = 0.0;
        for (var i = i0; i <= i1; i++)
        {
            var cdf = i == i1 ? 1.0 : distribution.Cdf((i + 0.5) * step);
            pmf[i - i0] = Math.Max(0.0, cdf - previous);
            previous = Math.Max(previous, cdf);
        }

        return Trimmed(i0 * step, step, pmf, false);
    }

    private static DiscreteDistribution Trimmed(double origin, double step, double[] pmf, bool lattice)
    {
        int start = 0, end = pmf.Length - 1;
        while (start < end && pmf[start] == 0.0)
        {
            start++;
        }

        while (end > start && pmf[end] == 0.0)
        {
            end--;
        }

        var kept = start == 0 && end == pmf.Length - 1 ? pmf : pmf[start..(end + 1)];
        return new DiscreteDistribution(origin + start * step, step, kept, lattice, normalise: true);
    }
}
