using System.Numerics;
using System.Runtime.InteropServices;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>SIMD helpers for grid arithmetic.</summary>
internal static class SpanMath
{
    /// <summary>target[i] += weight * source[i] for i &lt; source.Length (target at least as long).</summary>
    public static void AddScaled(Span<double> target, ReadOnlySpan<double> source, double weight)
    {
        target = target[..source.Length];
        var i = 0;
        if (Vector.IsHardwareAccelerated && source.Length >= Vector<double>.Count)
        {
            var w = new Vector<double>(weight);
            var targetVectors = MemoryMarshal.Cast<double, Vector<double>>(target);
            var sourceVectors = MemoryMarshal.Cast<double, Vector<double>>(source);
            for (var v = 0; v < sourceVectors.Length; v++)
            {
                targetVectors[v] += w * sourceVectors[v];
            }

            i = sourceVectors.Length * Vector<double>.Count;
        }

        for (; i < source.Length; i++)
        {
            target[i] += weight * source[i];
        }
    }
}
