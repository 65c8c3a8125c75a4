namespace MeioForecast.Core.Distributions;

/// <summary>
/// The classic normal demand bound of Graves &amp; Willems (2000): D(tau) = tau * mu + k * sqrt(tau), k = z * sigma for a
/// demand stage (or the pooled k of an internal stage). Used to compare with the literature's published optima.
/// </summary>
public sealed class NormalDemandBound : DemandBound
{
    /// <summary>Creates the bound with mean <paramref name="meanPerPeriod"/> and safety factor <paramref name="k"/> (= z * sigma).</summary>
    public NormalDemandBound(double meanPerPeriod, double k)
    {
        if (!(meanPerPeriod >= 0.0) || !double.IsFinite(meanPerPeriod))
        {
            throw new ArgumentOutOfRangeException(nameof(meanPerPeriod), meanPerPeriod, "Mean demand must be finite and non-negative.");
        }

        if (!double.IsFinite(k))
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must be finite.");
        }

        MeanPerPeriod = meanPerPeriod;
        K = k;
    }

    /// <summary>k = z * sigma, the safety stock for one period.</summary>
    public double K { get; }

    /// <inheritdoc />
    public override double MeanPerPeriod { get; }

    /// <summary>Creates the bound of a demand stage from its per-period sigma and service level p: k = Phi^-1(p) * sigma.</summary>
    public static NormalDemandBound FromServiceLevel(double meanPerPeriod, double sigmaPerPeriod, double serviceLevel) =>
        new(meanPerPeriod, StandardNormal.Quantile(serviceLevel) * sigmaPerPeriod);

    /// <summary>
    /// The classic bound from any per-period distribution's mean and standard deviation (the normal approximation the
    /// literature uses, e.g. for comparing with Graves &amp; Willems 2000's published optima): k = Phi^-1(p) * sd.
    /// </summary>
    public static NormalDemandBound FromDistribution(DemandDistribution perPeriod, double serviceLevel)
    {
        ArgumentNullException.ThrowIfNull(perPeriod);
        return FromServiceLevel(perPeriod.Mean, perPeriod.StandardDeviation, serviceLevel);
    }

    /// <inheritdoc />
    public override double BaseStock(int tau)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tau);
        return tau * MeanPerPeriod + K * Math.Sqrt(tau);
    }
}
