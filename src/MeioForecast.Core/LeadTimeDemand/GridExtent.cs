using MeioForecast.Core.Distributions;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>The cap C and grid width of a sum of independent demands (see <see cref="LeadTimeDemandOptions.CapProbability"/>).</summary>
internal static class GridExtent
{
    /// <summary>
    /// C = max(mean + 8 sd, max over distinct terms of Q_t(1 - capProbability / count) + mean - mean_t) (single big jump),
    /// width = max(C - max(0, mean - 8 sd), widest single term below C).
    /// </summary>
    public static (double Cap, double Width) Of(IReadOnlyList<DemandDistribution> terms, LeadTimeDemandOptions options)
    {
        double mean = 0.0, variance = 0.0;
        foreach (var term in terms)
        {
            mean += term.Mean;
            variance += term.Variance;
        }

        var sd = Math.Sqrt(variance);
        var cap = mean + 8.0 * sd;
        var distinct = new HashSet<DemandDistribution>(terms, ReferenceEqualityComparer.Instance);
        foreach (var d in distinct)
        {
            cap = Math.Max(cap, d.Quantile(1.0 - options.CapProbability / terms.Count) + mean - d.Mean);
        }

        var low = Math.Max(0.0, mean - 8.0 * sd);
        var widest = distinct.Max(d => Math.Min(d.Quantile(1.0 - options.TailMass), cap) - d.Quantile(options.TailMass));
        return (cap, Math.Max(cap - low, widest));
    }
}
