namespace MeioForecast.Core.Distributions;

/// <summary>Poisson demand with rate lambda per period: P(D = k) = e^-lambda lambda^k / k!. Mean = variance = lambda.</summary>
public sealed class PoissonDistribution : DemandDistribution
{
    /// <summary>Creates Poisson(<paramref name="rate"/>); the rate must be finite and &gt;= 0.</summary>
    public PoissonDistribution(double rate)
    {
        if (!(rate >= 0.0) || !double.IsFinite(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A Poisson rate must be finite and non-negative.");
        }

        Rate = rate;
    }

    /// <summary>lambda, the mean demand.</summary>
    public double Rate { get; }

    /// <inheritdoc />
    public override double Mean => Rate;

    /// <inheritdoc />
    public override double Variance => Rate;

    /// <inheritdoc />
    public override bool IsIntegerValued => true;

    /// <summary>P(D &lt;= x) = Q(floor(x) + 1, lambda), the regularized upper incomplete gamma function.</summary>
    public override double Cdf(double x)
    {
        if (x < 0.0)
        {
            return 0.0;
        }

        return Rate == 0.0 ? 1.0 : SpecialFunctions.GammaQ(Math.Floor(x) + 1.0, Rate);
    }

    /// <inheritdoc />
    public override double Quantile(double p)
    {
        CheckProbability(p);
        if (Rate == 0.0)
        {
            return 0.0;
        }

        var sd = Math.Sqrt(Rate);
        return QuantileSolver.IntegerQuantile(k => Cdf(k), p, Rate + sd * StandardNormal.Quantile(p), sd);
    }
}
