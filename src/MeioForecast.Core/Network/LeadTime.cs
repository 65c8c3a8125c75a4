namespace MeioForecast.Core.Network;

/// <summary>
/// A transport or supply lead time in periods: mean and standard deviation, and optionally a full discrete
/// distribution (value in periods with its probability), as in the Willems (2008) data's StageTime_k_v/StageTime_k_p.
/// </summary>
public sealed record LeadTime
{
    /// <summary>Creates a lead time; validates mean &gt;= 0, sd &gt;= 0 and, when given, a distribution whose probabilities sum to 1.</summary>
    public LeadTime(double mean, double standardDeviation, IReadOnlyList<LeadTimeOutcome>? distribution = null)
    {
        if (!(mean >= 0.0) || !double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "A lead-time mean must be finite and non-negative.");
        }

        if (!(standardDeviation >= 0.0) || !double.IsFinite(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "A lead-time standard deviation must be finite and non-negative.");
        }

        if (distribution is { Count: > 0 })
        {
            var total = distribution.Sum(o => o.Probability);
            if (Math.Abs(total - 1.0) > 1e-6 || distribution.Any(o => o.Probability < 0 || o.Periods < 0))
            {
                throw new ArgumentException("A lead-time distribution needs non-negative values and probabilities summing to 1.", nameof(distribution));
            }
        }

        Mean = mean;
        StandardDeviation = standardDeviation;
        Distribution = distribution is { Count: > 0 } ? distribution : null;
    }

    /// <summary>Mean lead time, periods.</summary>
    public double Mean { get; }

    /// <summary>Standard deviation of the lead time, periods (0 = deterministic).</summary>
    public double StandardDeviation { get; }

    /// <summary>The discrete lead-time distribution, when given; null otherwise.</summary>
    public IReadOnlyList<LeadTimeOutcome>? Distribution { get; }
}
