namespace MeioForecast.Core.Distributions;

/// <summary>
/// A finite mixture sum_i w_i F_i: demand over a random number of periods when the component distributions are not
/// on one common grid. Mean and variance are exact; the quantile is found by bisection on the Cdf between the smallest
/// and largest component quantiles (which bracket it).
/// </summary>
public sealed class MixtureDistribution : DemandDistribution
{
    private readonly DemandDistribution[] _components;
    private readonly double[] _weights;

    /// <summary>Creates the mixture; weights must be non-negative with a positive sum and are normalised.</summary>
    public MixtureDistribution(IReadOnlyList<DemandDistribution> components, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(weights);
        if (components.Count == 0 || components.Count != weights.Count)
        {
            throw new ArgumentException("A mixture needs as many weights as components, at least one.", nameof(weights));
        }

        var total = weights.Sum();
        if (!(total > 0.0) || weights.Any(w => !(w >= 0.0)))
        {
            throw new ArgumentException("Weights must be non-negative with a positive sum.", nameof(weights));
        }

        _components = [.. components];
        _weights = [.. weights.Select(w => w / total)];
        double m = 0.0, second = 0.0;
        for (var i = 0; i < _components.Length; i++)
        {
            var c = _components[i];
            m += _weights[i] * c.Mean;
        }

        for (var i = 0; i < _components.Length; i++)
        {
            var c = _components[i];
            var d = c.Mean - m;
            second += _weights[i] * (c.Variance + d * d);
        }

        Mean = m;
        Variance = second;
    }

    /// <inheritdoc />
    public override double Mean { get; }

    /// <inheritdoc />
    public override double Variance { get; }

    /// <inheritdoc />
    public override bool IsIntegerValued => _components.All(c => c.IsIntegerValued);

    /// <inheritdoc />
    public override double Cdf(double x)
    {
        var f = 0.0;
        for (var i = 0; i < _components.Length; i++)
        {
            if (_weights[i] > 0.0)
            {
                f += _weights[i] * _components[i].Cdf(x);
            }
        }

        return f;
    }

    /// <inheritdoc />
    public override double Quantile(double p)
    {
        CheckProbability(p);
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (var i = 0; i < _components.Length; i++)
        {
            if (_weights[i] > 0.0)
            {
                var q = _components[i].Quantile(p);
                lo = Math.Min(lo, q);
                hi = Math.Max(hi, q);
            }
        }

        if (IsIntegerValued)
        {
            return QuantileSolver.IntegerQuantile(k => Cdf(k), p, lo, Math.Max(1.0, (hi - lo) / 8.0));
        }

        // Invariant: Cdf(hi) >= p; lo moves up while Cdf(lo) < p.
        for (var i = 0; i < 200 && hi - lo > 1e-13 * Math.Max(1.0, Math.Abs(hi)); i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Cdf(mid) >= p)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }
}
