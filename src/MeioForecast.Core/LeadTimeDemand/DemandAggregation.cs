using MeioForecast.Core.Distributions;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>
/// Demand seen by an upstream node: per period, the sum over its downstream nodes i of phi_i D_i,t (phi_i = quantity per
/// unit on the arc), as in the GSM's internal-stage demand (Graves &amp; Willems 2000, sec. 3; Simpson 1958 for the
/// pooling of serial stages). Feed the result to a <see cref="LeadTimeDemandModel"/> and a bound as for any node.
/// </summary>
/// <remarks>
/// Pooling assumption: downstream demands are independent (the default, correlation 0), so the per-period sum is the
/// exact convolution of the scaled distributions. A common pairwise correlation rho in [-1, 1] replaces the variance by
/// sum_i phi_i^2 sigma_i^2 + rho sum_(i != j) phi_i phi_j sigma_i sigma_j (rho = 1: no pooling, sigmas add) and the
/// convolution is stretched about its mean to that variance. Horizons of different length are padded with each node's
/// last period. The grid is capped as in <see cref="ConvolvedLeadTimeDemand"/> (<see cref="LeadTimeDemandOptions.CapProbability"/>).
/// </remarks>
public static class DemandAggregation
{
    /// <summary>Per-period upstream demand on a grid (exact convolution of independent, scaled downstream demands, then the optional correlation stretch).</summary>
    public static IReadOnlyList<DemandDistribution> SumPerPeriod(IReadOnlyList<DownstreamDemand> downstream, double correlation = 0.0, LeadTimeDemandOptions? options = null)
    {
        var horizon = Check(downstream, correlation);
        options ??= new LeadTimeDemandOptions();
        options.Validate();
        var result = new DemandDistribution[horizon];
        for (var t = 0; t < horizon; t++)
        {
            var parts = Scaled(downstream, t);
            if (parts.Length == 1)
            {
                result[t] = parts[0];
                continue;
            }

            var integer = parts.All(p => p.IsIntegerValued);
            var (cap, width) = GridExtent.Of(parts, options);
            var step = options.Step ?? ConvolvedLeadTimeDemand.NiceStep(width / options.GridPoints, integer);
            var grids = parts.Select(p => GridDiscretizer.Discretize(p, step, options.TailMass, cap)).ToArray();
            var pmf = grids[0].Probabilities.ToArray();
            var origin = grids[0].Origin;
            for (var i = 1; i < grids.Length; i++)
            {
                pmf = GridConvolution.Convolve(pmf, grids[i].Probabilities);
                origin += grids[i].Origin;
            }

            var sum = new DiscreteDistribution(origin, step, pmf, grids.All(g => g.IsLattice));
            result[t] = AffineDistribution.StretchAboutMean(sum, Factor(parts, correlation));
        }

        return result;
    }

    /// <summary>Per-period upstream demand from moments: Normal(sum phi_i mu_i, pooled variance above).</summary>
    public static IReadOnlyList<DemandDistribution> SumPerPeriodNormal(IReadOnlyList<DownstreamDemand> downstream, double correlation = 0.0)
    {
        var horizon = Check(downstream, correlation);
        var result = new DemandDistribution[horizon];
        for (var t = 0; t < horizon; t++)
        {
            var parts = Scaled(downstream, t);
            result[t] = new NormalDistribution(parts.Sum(p => p.Mean), Math.Sqrt(PooledVariance(parts, correlation)));
        }

        return result;
    }

    private static double PooledVariance(DemandDistribution[] parts, double correlation)
    {
        var sumSd = parts.Sum(p => p.StandardDeviation);
        var sumVar = parts.Sum(p => p.Variance);

        // sum_(i != j) s_i s_j = (sum s_i)^2 - sum s_i^2.
        return Math.Max(0.0, sumVar + correlation * (sumSd * sumSd - sumVar));
    }

    private static double Factor(DemandDistribution[] parts, double correlation)
    {
        if (correlation == 0.0)
        {
            return 1.0;
        }

        var independent = parts.Sum(p => p.Variance);
        return independent > 0.0 ? Math.Sqrt(PooledVariance(parts, correlation) / independent) : 1.0;
    }

    private static DemandDistribution[] Scaled(IReadOnlyList<DownstreamDemand> downstream, int t) =>
        [.. downstream.Select(d =>
        {
            var period = d.Periods[Math.Min(t, d.Periods.Count - 1)];
            return d.QuantityPerUnit == 1.0 ? period : new AffineDistribution(period, d.QuantityPerUnit);
        })];

    private static int Check(IReadOnlyList<DownstreamDemand> downstream, double correlation)
    {
        ArgumentNullException.ThrowIfNull(downstream);
        if (downstream.Count == 0 || downstream.Any(d => d?.Periods is null || d.Periods.Count == 0 || !(d.QuantityPerUnit > 0.0)))
        {
            throw new ArgumentException("Each downstream node needs periods and a positive quantity per unit.", nameof(downstream));
        }

        if (!(correlation >= -1.0 && correlation <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(correlation), correlation, "The correlation must lie in [-1, 1].");
        }

        return downstream.Max(d => d.Periods.Count);
    }
}
