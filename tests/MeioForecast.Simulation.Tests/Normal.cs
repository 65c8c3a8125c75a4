using MeioForecast.Core.Distributions;

namespace MeioForecast.Simulation.Tests;

/// <summary>Closed forms of the normal distribution used as oracles.</summary>
internal static class Normal
{
    public static double Phi(double z) => StandardNormal.Cdf(z);

    public static double Density(double z) => StandardNormal.Pdf(z);

    /// <summary>Standard normal loss function G(z) = phi(z) - z (1 - Phi(z)) = E[(Z - z)^+] (Silver, Pyke &amp; Thomas 2017, appendix B).</summary>
    public static double Loss(double z) => Density(z) - z * (1.0 - Phi(z));

    /// <summary>E[(X - b)^+] for X ~ N(m, s^2).</summary>
    public static double ExpectedExcess(double m, double s, double b) => s == 0.0 ? Math.Max(m - b, 0.0) : s * Loss((b - m) / s);

    /// <summary>E[(b - X)^+] for X ~ N(m, s^2) = s (phi(z) + z Phi(z)), z = (b - m) / s.</summary>
    public static double ExpectedShortfallBelow(double m, double s, double b)
    {
        if (s == 0.0)
        {
            return Math.Max(b - m, 0.0);
        }

        var z = (b - m) / s;
        return s * (Density(z) + z * Phi(z));
    }
}
