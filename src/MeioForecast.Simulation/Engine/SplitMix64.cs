namespace MeioForecast.Simulation.Engine;

/// <summary>SplitMix64 (Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number generators", OOPSLA).</summary>
internal static class SplitMix64
{
    /// <summary>Advances <paramref name="state"/> by the golden gamma and returns the mixed output.</summary>
    public static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
