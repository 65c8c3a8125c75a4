using MeioForecast.Core.Distributions;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>
/// Exact lead-time demand on a grid: D(tau) = D(tau - 1) * D_tau (convolution), each period first put on the common grid
/// x_i = i h by <see cref="GridDiscretizer"/>. Convolutions run directly or by FFT, whichever costs less
/// (<see cref="GridConvolution"/>); each result is trimmed of <see cref="LeadTimeDemandOptions.TrimMass"/> per tail.
/// </summary>
/// <remarks>
/// <para>Grid: the step h is fixed for all tau so that D(maxTau), from max(0, mean - 8 sd) to the cap C, fits in about
/// <see cref="LeadTimeDemandOptions.GridPoints"/> points; count data keep an integer step (h = 1 is exact). Mass above C
/// is lumped at C (<see cref="LeadTimeDemandOptions.CapProbability"/>): for non-negative demand the Cdf is exact below C.
/// The result is a lattice when every period is integer-valued, a histogram otherwise (see <see cref="DiscreteDistribution"/>).</para>
/// <para>Discretisation error (continuous periods): with the method of rounding the mean is exact to O(h^2) and the
/// variance grows by about tau h^2/12 (Sheppard's correction), so quantile errors are O(tau h^2 / sigma); the exact
/// moments remain available from <see cref="LeadTimeDemandModel.Mean"/> and <see cref="LeadTimeDemandModel.Variance"/>.</para>
/// <para>Independence of periods is assumed for the convolution; residual autocorrelation stretches the result (see the
/// base class). Cost: the tau-th sum is one convolution of the (tau-1)-sum with one period, O(n log n) by FFT
/// (Cooley &amp; Tukey 1965) for n grid points; n grows like sqrt(tau) for light tails. All D(tau) are memoised.</para>
/// </remarks>
public sealed class ConvolvedLeadTimeDemand : LeadTimeDemandModel
{
    private readonly DiscreteDistribution[] _grids;
    private readonly List<DiscreteDistribution> _sums;
    private readonly List<DemandDistribution> _memo;
    private readonly ConvolutionScratch _scratch = new();
    private readonly int _longest;

    /// <summary>Creates the model; the grid step is sized for sums of up to <paramref name="maxTau"/> periods (default: the horizon).</summary>
    public ConvolvedLeadTimeDemand(IReadOnlyList<DemandDistribution> periods, LeadTimeDemandOptions? options = null, int? maxTau = null)
        : base(periods, options)
    {
        var longest = maxTau ?? Horizon;
        ArgumentOutOfRangeException.ThrowIfLessThan(longest, 1, nameof(maxTau));
        var integer = Enumerable.Range(1, Horizon).All(t => Period(t).IsIntegerValued);
        _longest = longest;
        (Cap, var width) = GridExtent.Of([.. Enumerable.Range(1, longest).Select(Period)], Options);
        Step = Options.Step ?? NiceStep(width / Options.GridPoints, integer);

        // Periods given as the same object are discretised once.
        var cache = new Dictionary<DemandDistribution, DiscreteDistribution>(ReferenceEqualityComparer.Instance);
        _grids = [.. Enumerable.Range(1, Horizon).Select(t =>
        {
            var period = Period(t);
            if (!cache.TryGetValue(period, out var grid))
            {
                grid = GridDiscretizer.Discretize(period, Step, Options.TailMass, Cap);
                cache.Add(period, grid);
            }

            return grid;
        })];
        IsLattice = _grids.All(g => g.IsLattice);
        _sums = [DiscreteDistribution.PointMass(0.0, Step)];
        _memo = [_sums[0]];
    }

    /// <summary>C, the level above which mass is lumped (see <see cref="LeadTimeDemandOptions.CapProbability"/>).</summary>
    public double Cap { get; }

    /// <summary>h, the grid step in demand units.</summary>
    public double Step { get; }

    /// <summary>True when the sums are lattices (all periods integer-valued), false for histograms.</summary>
    public bool IsLattice { get; }

    /// <summary>Period t (1-based) on the grid; t &gt; H gives period H's.</summary>
    public DiscreteDistribution PeriodGrid(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return _grids[Math.Min(t, _grids.Length) - 1];
    }

    /// <summary>The independent-period sum D(tau) on the grid, before any autocorrelation stretch.</summary>
    public DiscreteDistribution Grid(int tau)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tau);
        lock (Sync)
        {
            for (var t = _sums.Count; t <= tau; t++)
            {
                _sums.Add(Add(_sums[t - 1], PeriodGrid(t), CapFor(t)));
            }

            return _sums[tau];
        }
    }

    /// <inheritdoc />
    public override DemandDistribution Over(int tau)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tau);
        lock (Sync)
        {
            for (var t = _memo.Count; t <= tau; t++)
            {
                _memo.Add(AffineDistribution.StretchAboutMean(Grid(t), StretchFactor(t)));
            }

            return _memo[tau];
        }
    }

    /// <summary>C for sums of up to maxTau periods; beyond, C grows with the sum's mean and 8 sd.</summary>
    private double CapFor(int tau) => tau <= _longest
        ? Cap
        : Cap + Mean(tau) - Mean(_longest) + 8.0 * (Math.Sqrt(IndependentVariance(tau)) - Math.Sqrt(IndependentVariance(_longest)));

    private DiscreteDistribution Add(DiscreteDistribution sum, DiscreteDistribution period, double cap) =>
        AddPeriod(sum, period, cap, Step, Options.TrimMass, IsLattice, _scratch);

    /// <summary>
    /// sum * period on the common grid of step <paramref name="step"/>, trimmed of <paramref name="trim"/> per tail and
    /// with the mass above <paramref name="cap"/> lumped at the cap's grid point.
    /// </summary>
    internal static DiscreteDistribution AddPeriod(DiscreteDistribution sum, DiscreteDistribution period, double cap, double step, double trim, bool lattice, ConvolutionScratch scratch)
    {
        var pmf = GridConvolution.Convolve(sum.Probabilities, period.Probabilities, scratch);
        int start = 0, end = pmf.Length - 1;
        double low = 0.0, high = 0.0;
        while (start < end && low + pmf[start] <= trim)
        {
            low += pmf[start++];
        }

        while (end > start && high + pmf[end] <= trim)
        {
            high += pmf[end--];
        }

        // Mass above the cap is lumped at the grid point nearest the cap.
        var origin = sum.Origin + period.Origin;
        var capIndex = cap < origin + (end * step) ? (long)Math.Round((cap - origin) / step) : long.MaxValue;
        if (capIndex >= start && capIndex < end)
        {
            for (var i = (int)capIndex + 1; i <= end; i++)
            {
                high += pmf[i];
            }

            end = (int)capIndex;
        }

        var kept = pmf[start..(end + 1)];
        kept[0] += low;
        kept[^1] += high;
        return new DiscreteDistribution(origin + start * step, step, kept, lattice, normalise: true);
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 x 10^k at or above <paramref name="raw"/> (integers &gt;= 1 for count data).</summary>
    internal static double NiceStep(double raw, bool integer)
    {
        if (!(raw > 0.0) || !double.IsFinite(raw))
        {
            return 1.0;
        }

        var decade = Math.Pow(10.0, Math.Floor(Math.Log10(raw)));
        double[] multiples = integer ? [1.0, 2.0, 5.0, 10.0] : [1.0, 2.0, 2.5, 5.0, 10.0];
        var step = multiples.Select(m => m * decade).First(s => s >= raw * (1.0 - 1e-12));
        return integer ? Math.Max(1.0, Math.Round(step)) : step;
    }
}
