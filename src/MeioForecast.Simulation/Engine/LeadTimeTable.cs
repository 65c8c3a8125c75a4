using MeioForecast.Core.Distributions;
using MeioForecast.Core.Network;

namespace MeioForecast.Simulation.Engine;

/// <summary>
/// A lead time as a discrete distribution on whole periods, sampled by inverse transform. A non-integer value v (an
/// outcome of the given distribution, or a deterministic mean) is split between floor(v) and floor(v) + 1 so the mean is
/// kept; a mean/sd without a distribution becomes the normal N(mean, sd^2) discretized on the integers k &gt;= 0 (mass of
/// [k - 1/2, k + 1/2), tails folded into the end points, support up to mean + 8 sd).
/// </summary>
internal sealed class LeadTimeTable
{
    private readonly int[] _values;
    private readonly double[] _cumulative;

    private LeadTimeTable(SortedDictionary<int, double> masses)
    {
        _values = [.. masses.Keys];
        _cumulative = new double[_values.Length];
        var total = masses.Values.Sum();
        var running = 0.0;
        var i = 0;
        foreach (var mass in masses.Values)
        {
            running += mass / total;
            _cumulative[i++] = running;
        }

        _cumulative[^1] = 1.0;
        Max = _values[^1];
        IsStochastic = _values.Length > 1;
    }

    /// <summary>The largest lead time, periods.</summary>
    public int Max { get; }

    /// <summary>False when the lead time is a single value (no draw is made).</summary>
    public bool IsStochastic { get; }

    /// <summary>The lead time when deterministic.</summary>
    public int Fixed => _values[0];

    public static LeadTimeTable From(LeadTime? leadTime)
    {
        var masses = new SortedDictionary<int, double>();
        if (leadTime is null)
        {
            masses[0] = 1.0;
        }
        else if (leadTime.Distribution is { } outcomes)
        {
            foreach (var o in outcomes)
            {
                AddSplit(masses, o.Periods, o.Probability);
            }
        }
        else if (leadTime.StandardDeviation == 0.0)
        {
            AddSplit(masses, leadTime.Mean, 1.0);
        }
        else
        {
            var m = leadTime.Mean;
            var s = leadTime.StandardDeviation;
            var kMax = (int)Math.Ceiling(m + 8.0 * s);
            for (var k = 0; k <= kMax; k++)
            {
                var lower = k == 0 ? 0.0 : StandardNormal.Cdf((k - 0.5 - m) / s);
                var upper = k == kMax ? 1.0 : StandardNormal.Cdf((k + 0.5 - m) / s);
                if (upper > lower)
                {
                    masses[k] = upper - lower;
                }
            }
        }

        foreach (var key in masses.Where(p => p.Value <= 0.0).Select(p => p.Key).ToList())
        {
            masses.Remove(key);
        }

        return new LeadTimeTable(masses);
    }

    public int Sample(ref Xoshiro256StarStar rng)
    {
        var u = rng.NextOpenUnit();
        var i = 0;
        var last = _values.Length - 1;
        while (i < last && u > _cumulative[i])
        {
            i++;
        }

        return _values[i];
    }

    private static void AddSplit(SortedDictionary<int, double> masses, double periods, double probability)
    {
        var floor = Math.Floor(periods);
        var frac = periods - floor;
        var f = checked((int)floor);
        masses[f] = masses.GetValueOrDefault(f) + probability * (1.0 - frac);
        if (frac > 0.0)
        {
            masses[f + 1] = masses.GetValueOrDefault(f + 1) + probability * frac;
        }
    }
}
