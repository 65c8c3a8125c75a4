namespace MeioForecast.Core.Distributions;

/// <summary>
/// Gamma demand with shape k and scale theta: density x^(k-1) e^(-x/theta) / (Gamma(k) theta^k). Mean k theta, variance
/// k theta^2. Sums with a common scale add their shapes.
/// </summary>
public sealed class GammaDistribution : DemandDistribution
{
    /// <summary>Creates Gamma(<paramref name="shape"/>, <paramref name="scale"/>); both finite and positive.</summary>
    public GammaDistribution(double shape, double scale)
    {
        if (!(shape > 0.0) || !double.IsFinite(shape))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "The shape must be finite and positive.");
        }

        if (!(scale > 0.0) || !double.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be finite and positive.");
        }

        Shape = shape;
        Scale = scale;
    }

    /// <summary>k, the shape.</summary>
    public double Shape { get; }

    /// <summary>theta, the scale.</summary>
    public double Scale { get; }

    /// <summary>Creates the gamma with the given mean and standard deviation (both positive).</summary>
    public static GammaDistribution FromMoments(double mean, double standardDeviation)
    {
        if (!(mean > 0.0) || !(standardDeviation > 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "A gamma needs a positive mean and standard deviation.");
        }

        var cv2 = standardDeviation * standardDeviation / (mean * mean);
        return new GammaDistribution(1.0 / cv2, mean * cv2);
    }

    /// <inheritdoc />
    public override double Mean => Shape * Scale;

    /// <inheritdoc />
    public override double Variance => Shape * Scale * Scale;

    /// <summary>P(D &lt;= x) = P(k, x / theta), the regularized lower incomplete gamma function.</summary>
    public override double Cdf(double x) => SpecialFunctions.GammaP(Shape, x / Scale);

    /// <summary>The density at x.</summary>
    public double Pdf(double x) => SpecialFunctions.GammaDensity(Shape, x / Scale) / Scale;

    /// <summary>Solved by bracketing and safeguarded Newton on the Cdf from the Wilson-Hilferty (1931) starting value.</summary>
    public override double Quantile(double p)
    {
        CheckProbability(p);
        var z = StandardNormal.Quantile(p);
        var c = 1.0 / (9.0 * Shape);
        var wilsonHilferty = Shape * Math.Pow(Math.Max(1.0 - c + z * Math.Sqrt(c), 1e-3), 3.0);
        var u = QuantileSolver.ContinuousQuantile(
            x => SpecialFunctions.GammaP(Shape, x), x => SpecialFunctions.GammaDensity(Shape, x), p, wilsonHilferty, Math.Sqrt(Shape), 0.0);
        return u * Scale;
    }
}
