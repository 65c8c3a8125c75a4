namespace MeioForecast.Core.Distributions;

/// <summary>
/// The standard normal distribution: cumulative distribution function and its inverse, accurate to about 1e-15.
/// </summary>
/// <remarks>
/// Cdf: Marsaglia, G. (2004), "Evaluating the Normal Distribution", Journal of Statistical Software 11(4) (Taylor series
/// around 0) for |x| &lt;= 3, and Laplace's continued fraction for Mills' ratio in the tails, so tail probabilities keep
/// their relative accuracy.
/// Quantile: Wichura, M.J. (1988), "Algorithm AS 241: The Percentage Points of the Normal Distribution", Applied
/// Statistics 37(3):477-484 (PPND16, relative accuracy about 1e-16), followed by one Newton step on the Cdf.
/// </remarks>
public static class StandardNormal
{
    private const double LogSqrtTwoPi = 0.91893853320467274178;

    /// <summary>Density phi(x).</summary>
    public static double Pdf(double x) => Math.Exp(-0.5 * x * x - LogSqrtTwoPi);

    /// <summary>Phi(x) = P(Z &lt;= x).</summary>
    public static double Cdf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < -3.0)
        {
            return UpperTail(-x);
        }

        if (x > 3.0)
        {
            return 1.0 - UpperTail(x);
        }

        double s = x, t = 0.0, b = x, q = x * x, i = 1.0;
        while (s != t)
        {
            t = s;
            i += 2.0;
            b *= q / i;
            s = t + b;
        }

        return 0.5 + s * Math.Exp(-0.5 * q - LogSqrtTwoPi);
    }

    /// <summary>1 - Phi(x) for x &gt;= 3 by Laplace's continued fraction for Mills' ratio, evaluated backwards (relative accuracy ~1e-15).</summary>
    private static double UpperTail(double x)
    {
        if (x > 38.5)
        {
            return 0.0;
        }

        var t = x;
        for (var k = 120; k >= 1; k--)
        {
            t = x + k / t;
        }

        return Pdf(x) / t;
    }

    /// <summary>Phi^-1(p) for p in (0, 1); -inf at 0 and +inf at 1.</summary>
    public static double Quantile(double p)
    {
        if (double.IsNaN(p) || p < 0.0 || p > 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must lie in [0, 1].");
        }

        if (p == 0.0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1.0)
        {
            return double.PositiveInfinity;
        }

        var x = Ppnd16(p);
        if (Math.Abs(x) < 37.0)
        {
            // One Newton step on the accurate Cdf removes the last ulps of the rational approximation.
            var density = Pdf(x);
            if (density > 1e-300)
            {
                x -= (Cdf(x) - p) / density;
            }
        }

        return x;
    }

    private static double Ppnd16(double p)
    {
        var q = p - 0.5;
        double r;
        if (Math.Abs(q) <= 0.425)
        {
            r = 0.180625 - q * q;
            return q * (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
                        + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                        + 133.14166789178437745) * r + 3.387132872796366608)
                   / (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
                        + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                        + 42.313330701600911252) * r + 1.0);
        }

        r = q < 0 ? p : 1.0 - p;
        r = Math.Sqrt(-Math.Log(r));
        double value;
        if (r <= 5.0)
        {
            r -= 1.6;
            value = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                        + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                        + 4.6303378461565452959) * r + 1.42343711074968357734)
                    / (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                        + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                        + 2.05319162663775882187) * r + 1.0);
        }
        else
        {
            r -= 5.0;
            value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                        + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                        + 5.4637849111641143699) * r + 6.6579046435011037772)
                    / (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                        + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                        + 0.59983220655588793769) * r + 1.0);
        }

        return q < 0.0 ? -value : value;
    }
}
