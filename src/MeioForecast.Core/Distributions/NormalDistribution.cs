namespace MeioForecast.Core.Distributions;

/// <summary>Normal demand N(mean, sd^2): the classic textbook assumption, kept for tests and for users who want it.</summary>
public sealed class NormalDistribution : DemandDistribution
{
    /// <summary>Creates N(<paramref name="mean"/>, <paramref name="standardDeviation"/>^2); sd must be &gt;= 0.</summary>
    public NormalDistribution(double mean, double standardDeviation)
    {
        if (!double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "The mean must be finite.");
        }

        if (!(standardDeviation >= 0.0) || !double.IsFinite(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be finite and non-negative.");
        }

        Mu = mean;
        Sigma = standardDeviation;
    }

    /// <summary>mu.</summary>
    public double Mu { get; }

    /// <summary>sigma.</summary>
    public double Sigma { get; }

    /// <inheritdoc />
    public override double Mean => Mu;

    /// <inheritdoc />
    public override double Variance => Sigma * Sigma;

    /// <inheritdoc />
    public override double Quantile(double p) => Mu + Sigma * StandardNormal.Quantile(p);

    /// <inheritdoc />
    public override double Cdf(double x) => Sigma == 0.0 ? (x >= Mu ? 1.0 : 0.0) : StandardNormal.Cdf((x - Mu) / Sigma);
}
