using System.Numerics;
using System.Runtime.InteropServices;

namespace MeioForecast.Optimization.Gsm;

/// <summary>The inner step of the GSM dynamic program: min over i of p[i] + q[i] and its first minimiser (SIMD).</summary>
internal static class MinPlus
{
    /// <summary>Returns min_i (p[i] + q[i]) and the first i attaining it (-1 and +infinity when all sums are infinite).</summary>
    public static double FirstMin(ReadOnlySpan<double> p, ReadOnlySpan<double> q, out int index)
    {
        var n = p.Length;
        var min = double.PositiveInfinity;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var pv = MemoryMarshal.Cast<double, Vector<double>>(p);
            var qv = MemoryMarshal.Cast<double, Vector<double>>(q);
            var acc = new Vector<double>(double.PositiveInfinity);
            for (var v = 0; v < pv.Length; v++)
            {
                acc = Vector.Min(acc, pv[v] + qv[v]);
            }

            for (var lane = 0; lane < Vector<double>.Count; lane++)
            {
                min = Math.Min(min, acc[lane]);
            }

            i = pv.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            var s = p[i] + q[i];
            if (s < min)
            {
                min = s;
            }
        }

        index = -1;
        if (double.IsPositiveInfinity(min))
        {
            return min;
        }

        for (var k = 0; k < n; k++)
        {
            if (p[k] + q[k] == min)
            {
                index = k;
                break;
            }
        }

        return min;
    }
}
