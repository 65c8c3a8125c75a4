namespace MeioForecast.Core.Distributions;

/// <summary>Inverts a cumulative distribution function by bracketing, then bisection (integers) or safeguarded Newton (reals).</summary>
internal static class QuantileSolver
{
    /// <summary>The smallest integer k &gt;= 0 with cdf(k) &gt;= p, searched from <paramref name="guess"/> in steps of about <paramref name="scale"/>.</summary>
    public static double IntegerQuantile(Func<long, double> cdf, double p, double guess, double scale)
    {
        var step = Math.Max(1L, (long)Math.Ceiling(scale));
        var k = Math.Max(0L, (long)Math.Round(guess));
        long lo, hi;
        if (cdf(k) >= p)
        {
            hi = k;
            lo = k - step;
            while (lo >= 0 && cdf(lo) >= p)
            {
                hi = lo;
                step *= 2;
                lo = hi - step;
            }

            lo = Math.Max(lo, -1L);
        }
        else
        {
            lo = k;
            hi = k + step;
            while (cdf(hi) < p)
            {
                lo = hi;
                step *= 2;
                hi = lo + step;
            }
        }

        while (hi - lo > 1)
        {
            var mid = lo + (hi - lo) / 2;
            if (cdf(mid) >= p)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }

    /// <summary>
    /// The x &gt;= <paramref name="lowerBound"/> with cdf(x) = p for a continuous, increasing cdf with density pdf, starting from
    /// <paramref name="guess"/>; bracket expansion by <paramref name="scale"/>, then Newton steps kept inside the bracket.
    /// </summary>
    public static double ContinuousQuantile(Func<double, double> cdf, Func<double, double> pdf, double p, double guess, double scale, double lowerBound)
    {
        var step = Math.Max(scale, 1e-300);
        var x = Math.Max(guess, lowerBound);
        double lo, hi;
        if (cdf(x) >= p)
        {
            hi = x;
            lo = x - step;
            while (lo > lowerBound && cdf(lo) >= p)
            {
                hi = lo;
                step *= 2.0;
                lo = hi - step;
            }

            lo = Math.Max(lo, lowerBound);
        }
        else
        {
            lo = x;
            hi = x + step;
            while (cdf(hi) < p)
            {
                lo = hi;
                step *= 2.0;
                hi = lo + step;
            }
        }

        x = 0.5 * (lo + hi);
        for (var i = 0; i < 300; i++)
        {
            var f = cdf(x) - p;
            if (f >= 0.0)
            {
                hi = x;
            }
            else
            {
                lo = x;
            }

            var density = pdf(x);
            var next = density > 0.0 ? x - f / density : double.NaN;
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }

            if (Math.Abs(next - x) <= 1e-15 * Math.Max(Math.Abs(x), 1e-300) || hi - lo <= 1e-15 * Math.Abs(hi))
            {
                return next;
            }

            x = next;
        }

        return x;
    }
}
