namespace MeioForecast.Core.Distributions;

/// <summary>
/// Negative binomial demand: the number of failures before the r-th success in Bernoulli trials with success probability
/// p, P(D = k) = Gamma(k + r) / (k! Gamma(r)) p^r (1 - p)^k. Mean r(1 - p)/p, variance r(1 - p)/p^2; r need not be an
/// integer (the gamma-Poisson mixture), so it models over-dispersed counts. Sums with a common p add their r.
/// </summary>
public sealed class NegativeBinomialDistribution : DemandDistribution
{
    /// <summary>Creates NB(<paramref name="r"/>, <paramref name="successProbability"/>): r &gt; 0, p in (0, 1].</summary>
    public NegativeBinomialDistribution(double r, double successProbability)
    {
        if (!(r > 0.0) || !double.IsFinite(r))
        {
            throw new ArgumentOutOfRangeException(nameof(r), r, "r must be finite and positive.");
        }

        if (!(successProbability > 0.0 && successProbability <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(successProbability), successProbability, "p must lie in (0, 1].");
        }

        R = r;
        SuccessProbability = successProbability;
    }

    /// <summary>r, the number of successes (shape).</summary>
    public double R { get; }

    /// <summary>p, the success probability.</summary>
    public double SuccessProbability { get; }

    /// <summary>Creates the negative binomial with the given mean and variance (variance must exceed the mean).</summary>
    public static NegativeBinomialDistribution FromMoments(double mean, double variance)
    {
        if (!(mean > 0.0) || !(variance > mean))
        {
            throw new ArgumentOutOfRangeException(nameof(variance), variance, "A negative binomial needs mean > 0 and variance > mean.");
        }

        var p = mean / variance;
        return new NegativeBinomialDistribution(mean * p / (1.0 - p), p);
    }

    /// <inheritdoc />
    public override double Mean => R * (1.0 - SuccessProbability) / SuccessProbability;

    /// <inheritdoc />
    public override double Variance => R * (1.0 - SuccessProbability) / (SuccessProbability * SuccessProbability);

    /// <inheritdoc />
    public override bool IsIntegerValued => true;

    /// <summary>P(D &lt;= x) = I_p(r, floor(x) + 1), the regularized incomplete beta function.</summary>
    public override double Cdf(double x)
    {
        if (x < 0.0)
        {
            return 0.0;
        }

        return SuccessProbability == 1.0 ? 1.0 : SpecialFunctions.BetaRegularized(R, Math.Floor(x) + 1.0, SuccessProbability);
    }

    /// <inheritdoc />
    public override double Quantile(double p)
    {
        CheckProbability(p);
        if (SuccessProbability == 1.0)
        {
            return 0.0;
        }

        var sd = StandardDeviation;
        return QuantileSolver.IntegerQuantile(k => Cdf(k), p, Mean + sd * StandardNormal.Quantile(p), sd);
    }
}
