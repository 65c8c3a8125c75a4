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
/// points. A <see cref="DiscreteDistribution"/> already on the grid is returned as is.
/// </remarks>
public static class GridDiscretizer
{
    /// <summary>Discretises <paramref name="distribution"/> on step <paramref name="step"/>, cutting tails of mass <paramref name="tailMass"/>.</summary>
    public static DiscreteDistribution Discretize(DemandDistribution distribution, double step, double tailMass = 1e-10)
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

        if (distribution is DiscreteDistribution grid && OnGrid(grid, step))
        {
            return grid;
        }

        var lo = distribution.Quantile(tailMass);
        var hi = distribution.Quantile(1.0 - tailMass);
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
        var last = (long)Math.Ceiling(hi);
        var i0 = (long)Math.Floor(first / step);
        var i1 = (long)Math.Ceiling(last / step);
        var pmf = new double[i1 - i0 + 1];
        var previous = 0.0;
        for (var k = first; k <= last; k++)
        {
            var cdf = k == last ? 1.0 : distribution.Cdf(k);
            var mass = Math.Max(0.0, cdf - previous);
            previous = Math.Max(previous, cdf);
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
