namespace MeioForecast.Core.Distributions;

/// <summary>
/// The distribution of demand over one period (or over several, for lead-time demand). Quantile, Cdf, mean and
/// variance are first-class: the optimizer asks for quantiles, the explanations for moments, the simulator for draws
/// through <see cref="Quantile"/> of a uniform.
/// </summary>
public abstract class DemandDistribution
{
    /// <summary>Expected demand.</summary>
    public abstract double Mean { get; }

    /// <summary>Variance of demand.</summary>
    public abstract double Variance { get; }

    /// <summary>Standard deviation of demand.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>The smallest x with P(D &lt;= x) &gt;= p, for p in (0, 1).</summary>
    public abstract double Quantile(double p);

    /// <summary>P(D &lt;= x).</summary>
    public abstract double Cdf(double x);
}
