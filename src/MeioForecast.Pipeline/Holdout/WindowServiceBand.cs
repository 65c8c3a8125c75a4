namespace MeioForecast.Pipeline.Holdout;

/// <summary>
/// Where one window's achieved cycle service falls in the service check's predictive distribution of it
/// (<see cref="HoldoutWindowBand"/>): the mean over nodes of the cycle service over the N held-out periods, simulated
/// over <see cref="Windows"/> windows of the run's own demand model, against the value achieved on actual demand.
/// A calibrated policy puts the achieved value inside the 90 % band at nine origins in ten and its <see cref="Pit"/>
/// uniform over origins (the probability integral transform as a calibration check: Dawid 1984, "Statistical theory:
/// the prequential approach", JRSS A 147(2):278-292; Gneiting, Balabdaoui &amp; Raftery 2007, "Probabilistic forecasts,
/// calibration and sharpness", JRSS B 69(2):243-268).
/// </summary>
/// <param name="Draws">The demand model simulated: <c>independent</c> or <c>replay</c> (the service check's draws).</param>
/// <param name="Windows">R, the simulated windows.</param>
/// <param name="Mean">Mean of the simulated window service.</param>
/// <param name="StandardDeviation">Standard deviation of the simulated window service across windows.</param>
/// <param name="Lower">The 5 % quantile of the window service (inverse empirical distribution function).</param>
/// <param name="Upper">The 95 % quantile of the window service.</param>
/// <param name="Achieved">The window service achieved on actual demand (the replay's mean over nodes).</param>
/// <param name="Pit">
/// The mid-PIT of <paramref name="Achieved"/>: (windows below + half the windows equal) / R, the middle of the randomised
/// PIT of a discrete predictive distribution (Czado, Gneiting &amp; Held 2009, Biometrics 65(4):1254-1261).
/// </param>
public sealed record WindowServiceBand(string Draws, int Windows, double Mean, double StandardDeviation, double Lower, double Upper, double Achieved, double Pit)
{
    /// <summary>Whether the achieved value lies in the 90 % band [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
    public bool Inside => Achieved >= Lower && Achieved <= Upper;

    /// <summary>
    /// The band of <paramref name="windows"/> (one simulated window service each) and the place of
    /// <paramref name="achieved"/> in it. The q-quantile is the smallest simulated value whose empirical distribution
    /// function reaches q (Hyndman &amp; Fan 1996, type 1), so a band of a discrete distribution is two of its values.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two windows or a non-finite value.</exception>
    public static WindowServiceBand From(string draws, IReadOnlyList<double> windows, double achieved)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count < 2 || windows.Any(w => !double.IsFinite(w)))
        {
            throw new ArgumentException("A window band needs at least two finite simulated windows.", nameof(windows));
        }

        var sorted = windows.Order().ToArray();
        var r = sorted.Length;
        var mean = sorted.Average();
        var sd = Math.Sqrt(sorted.Sum(w => (w - mean) * (w - mean)) / (r - 1));

        // Window services are averages of k / N: equal up to rounding when they count the same stockouts.
        const double tie = 1e-12;
        var below = sorted.Count(w => w < achieved - tie);
        var equal = sorted.Count(w => Math.Abs(w - achieved) <= tie);
        return new WindowServiceBand(draws, r, mean, sd, Quantile(sorted, 0.05), Quantile(sorted, 0.95), achieved, (below + (0.5 * equal)) / r);
    }

    /// <summary>The line printed for one origin.</summary>
    public string Line(DateOnly origin) => FormattableString.Invariant(
        $"origin {origin:yyyy-MM-dd} window band ({Draws} draws, {Windows} windows of the same periods from the same warm-up): mean {Mean:P2}, s.d. {StandardDeviation * 100:F2} pp, 90 % band {Lower:P2} - {Upper:P2} ({(Mean - Lower) * 100:F2} / {(Upper - Mean) * 100:F2} pp below / above the mean); achieved {Achieved:P2} at PIT {Pit:F3} ({(Inside ? "inside" : "outside")})");

    /// <summary>
    /// The band lines of <c>meio holdout</c>: one per origin with a band, then the count inside; the same for the
    /// shared-dates bands when simulated.
    /// </summary>
    public static IReadOnlyList<string> SummaryLines(IReadOnlyList<OriginHoldout> origins)
    {
        ArgumentNullException.ThrowIfNull(origins);
        var lines = new List<string>();
        foreach (var kind in new Func<OriginHoldout, WindowServiceBand?>[] { o => o.Band, o => o.SharedDatesBand })
        {
            var banded = origins.Where(o => kind(o) is not null).ToList();
            lines.AddRange(banded.Select(o => kind(o)!.Line(o.Policy.Origin)));
            if (banded.Count > 0)
            {
                var bands = banded.Select(o => kind(o)!).ToList();
                lines.Add(FormattableString.Invariant(
                    $"window band ({bands[0].Draws} draws) over {bands.Count} origins: achieved inside the 90 % band at {bands.Count(b => b.Inside)} of {bands.Count} (a calibrated policy: 90 %); PIT {string.Join(", ", bands.Select(b => b.Pit.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}; band width mean {bands.Average(b => b.Upper - b.Lower) * 100:F2} pp, largest distance of the band's ends from its mean {bands.Max(b => Math.Max(b.Mean - b.Lower, b.Upper - b.Mean)) * 100:F2} pp; |achieved - band mean| (the window's own prediction) mean {bands.Average(b => Math.Abs(b.Achieved - b.Mean)) * 100:F2} pp, max {bands.Max(b => Math.Abs(b.Achieved - b.Mean)) * 100:F2} pp"));
            }
        }

        return lines;
    }

    private static double Quantile(double[] sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling((q * sorted.Length) - 1e-9) - 1)];
}
