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

    /// <summary>True when demand takes only integer values (counts): grids then keep the mass on integers.</summary>
    public virtual bool IsIntegerValued => false;

    /// <summary>Throws unless <paramref name="p"/> lies strictly between 0 and 1.</summary>
    protected static void CheckProbability(double p)
    {
        if (!(p > 0.0 && p < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile probability must lie strictly between 0 and 1.");
        }
    }
}
