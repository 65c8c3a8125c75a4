namespace MeioForecast.Core.Distributions;

/// <summary>
/// Demand on an equally spaced grid x_i = Origin + i * Step, i = 0..Count-1, with probabilities pmf_i: counts and
/// empirical distributions (Step = 1, integer origin) and the results of lead-time convolutions.
/// </summary>
/// <remarks>
/// Two readings of the same masses. A <em>lattice</em> distribution puts pmf_i exactly at x_i: Cdf is a step function
/// and Quantile returns grid points (exact for integer demand). A <em>histogram</em> distribution approximates a
/// continuous one: pmf_i is spread uniformly over the cell (x_i - Step/2, x_i + Step/2], Cdf is piecewise linear and
/// Quantile interpolates inside a cell. Mean and Variance are the moments of the point masses in both readings (the
/// histogram reading adds Step^2/12 to the variance; Sheppard's correction). An atom of the underlying distribution (e.g.
/// zero demand) is spread over its cell in the histogram reading, so its quantiles may be off by up to Step/2; a
/// one-point grid is always read as a point mass.
/// </remarks>
public sealed class DiscreteDistribution : DemandDistribution
{
    private readonly double[] _pmf;
    private readonly double[] _cumulative;

    /// <summary>
    /// Creates a grid distribution; probabilities must be non-negative with a positive sum, and are normalised to sum 1.
    /// </summary>
    /// <param name="origin">x_0, the first grid point.</param>
    /// <param name="step">The grid spacing, &gt; 0.</param>
    /// <param name="probabilities">pmf_i for x_i = origin + i * step.</param>
    /// <param name="isLattice">True: masses sit on the grid points; false: histogram reading (see remarks; ignored for one point).</param>
    public DiscreteDistribution(double origin, double step, IReadOnlyList<double> probabilities, bool isLattice = true)
        : this(origin, step, Copy(probabilities), isLattice, normalise: true)
    {
    }

    internal DiscreteDistribution(double origin, double step, double[] pmf, bool isLattice, bool normalise)
    {
        if (!double.IsFinite(origin))
        {
            throw new ArgumentOutOfRangeException(nameof(origin), origin, "The origin must be finite.");
        }

        if (!(step > 0.0) || !double.IsFinite(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be finite and positive.");
        }

        if (pmf.Length == 0)
        {
            throw new ArgumentException("At least one probability is needed.", nameof(pmf));
        }

        var total = 0.0;
        foreach (var v in pmf)
        {
            if (!(v >= 0.0) || !double.IsFinite(v))
            {
                throw new ArgumentException("Probabilities must be finite and non-negative.", nameof(pmf));
            }

            total += v;
        }

        if (!(total > 0.0))
        {
            throw new ArgumentException("Probabilities must have a positive sum.", nameof(pmf));
        }

        if (normalise && total != 1.0)
        {
            for (var i = 0; i < pmf.Length; i++)
            {
                pmf[i] /= total;
            }
        }

        Origin = origin;
        Step = step;
        IsLattice = isLattice || pmf.Length == 1;
        _pmf = pmf;
        _cumulative = new double[pmf.Length];
        var c = 0.0;
        double m = 0.0;
        for (var i = 0; i < pmf.Length; i++)
        {
            c += pmf[i];
            _cumulative[i] = c;
            m += pmf[i] * i;
        }

        // Guard the last cumulative value against rounding so that Quantile(p) always finds a point.
        _cumulative[^1] = Math.Max(_cumulative[^1], 1.0);
        var v2 = 0.0;
        for (var i = 0; i < pmf.Length; i++)
        {
            var d = i - m;
            v2 += pmf[i] * d * d;
        }

        Mean = origin + step * m;
        Variance = step * step * v2;
    }

    /// <summary>x_0, the first grid point.</summary>
    public double Origin { get; }

    /// <summary>The grid spacing.</summary>
    public double Step { get; }

    /// <summary>The number of grid points.</summary>
    public int Count => _pmf.Length;

    /// <summary>True when masses sit on the grid points; false for the histogram reading of a continuous distribution.</summary>
    public bool IsLattice { get; }

    /// <inheritdoc />
    public override double Mean { get; }

    /// <inheritdoc />
    public override double Variance { get; }

    /// <inheritdoc />
    public override bool IsIntegerValued => IsLattice && Step == Math.Floor(Step) && Origin == Math.Floor(Origin);

    /// <summary>The grid point x_i.</summary>
    public double Value(int index) => Origin + index * Step;

    /// <summary>pmf_i, the mass at x_i.</summary>
    public double Probability(int index) => _pmf[index];

    /// <summary>The masses (read-only view, no copy).</summary>
    public ReadOnlySpan<double> Probabilities => _pmf;

    /// <summary>A point mass at <paramref name="value"/> (lattice, step 1 unless given).</summary>
    public static DiscreteDistribution PointMass(double value, double step = 1.0) => new(value, step, [1.0], true, normalise: false);

    /// <summary>The empirical distribution of non-negative integer observations (e.g. daily unit sales), on the integers.</summary>
    public static DiscreteDistribution FromCounts(IReadOnlyList<int> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Count == 0 || observations.Any(o => o < 0))
        {
            throw new ArgumentException("Observations must be non-empty and non-negative.", nameof(observations));
        }

        var min = observations.Min();
        var pmf = new double[observations.Max() - min + 1];
        foreach (var o in observations)
        {
            pmf[o - min] += 1.0;
        }

        return new DiscreteDistribution(min, 1.0, pmf, true, normalise: true);
    }

    /// <inheritdoc />
    public override double Cdf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (IsLattice)
        {
            // Tolerate the rounding of Origin + i * Step when x is meant to be a grid point.
            var u = Math.Floor((x - Origin) / Step + 1e-9);
            return u < 0 ? 0.0 : u >= Count - 1 ? 1.0 : _cumulative[(int)u];
        }

        var w = (x - Origin) / Step + 0.5;
        if (w <= 0.0)
        {
            return 0.0;
        }

        if (w >= Count)
        {
            return 1.0;
        }

        var i = (int)Math.Floor(w);
        var below = i == 0 ? 0.0 : _cumulative[i - 1];
        return below + _pmf[i] * (w - i);
    }

    /// <inheritdoc />
    public override double Quantile(double p)
    {
        CheckProbability(p);
        var i = Array.BinarySearch(_cumulative, p);
        if (i < 0)
        {
            i = ~i;
        }
        else
        {
            // Several equal cumulative values: the smallest index reaching p.
            while (i > 0 && _cumulative[i - 1] >= p)
            {
                i--;
            }
        }

        i = Math.Min(i, Count - 1);
        if (IsLattice)
        {
            return Value(i);
        }

        var below = i == 0 ? 0.0 : _cumulative[i - 1];
        var fraction = _pmf[i] > 0.0 ? Math.Clamp((p - below) / _pmf[i], 0.0, 1.0) : 1.0;
        return Origin + (i - 0.5 + fraction) * Step;
    }

    private static double[] Copy(IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        return [.. probabilities];
    }
}
