using MeioForecast.Core.Distributions;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>Mixtures of distributions on one grid: the weighted sum of their probability vectors, aligned by origin.</summary>
public static class GridMixture
{
    /// <summary>
    /// sum_i w_i D_i for grids of one step whose origins are whole multiples of it (weights normalised to 1); the result
    /// is a lattice when <paramref name="lattice"/> is true, a histogram otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">No components, weights of another count, or grids of different steps.</exception>
    public static DiscreteDistribution Mix(IReadOnlyList<DiscreteDistribution> components, IReadOnlyList<double> weights, bool lattice)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(weights);
        if (components.Count == 0 || components.Count != weights.Count)
        {
            throw new ArgumentException("A mixture needs as many weights as components, at least one.", nameof(weights));
        }

        var step = components[0].Step;
        if (components.Any(c => Math.Abs(c.Step - step) > 1e-12 * step))
        {
            throw new ArgumentException("Grid mixtures need components of one step.", nameof(components));
        }

        var first = components.Min(g => (long)Math.Round(g.Origin / step));
        var last = components.Max(g => (long)Math.Round(g.Origin / step) + g.Count - 1);
        var pmf = new double[last - first + 1];
        for (var i = 0; i < components.Count; i++)
        {
            var offset = (long)Math.Round(components[i].Origin / step) - first;
            SpanMath.AddScaled(pmf.AsSpan((int)offset), components[i].Probabilities, weights[i]);
        }

        return new DiscreteDistribution(first * step, step, pmf, lattice, normalise: true);
    }
}
