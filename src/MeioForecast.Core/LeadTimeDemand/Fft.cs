using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>
/// In-place iterative radix-2 complex FFT (Cooley &amp; Tukey 1965, "An algorithm for the machine calculation of complex
/// Fourier series", Math. Comp. 19:297-301) on split real/imaginary arrays. Twiddles are cached per size, stored stage by
/// stage contiguously so that the butterflies of a block run as SIMD vector operations.
/// </summary>
internal static class Fft
{
    private static readonly ConcurrentDictionary<int, (double[] Re, double[] Im)> Twiddles = new();

    /// <summary>X_k = sum_j x_j e^(-2 pi i j k / n) in place on the first n entries; n must be a power of two.</summary>
    public static void Forward(double[] re, double[] im, int n)
    {
        BitReverse(re, im, n);
        var (twRe, twIm) = Twiddles.GetOrAdd(n, Table);
        var r = re.AsSpan(0, n);
        var m = im.AsSpan(0, n);
        var width = Vector<double>.Count;
        for (var half = 1; half < n; half <<= 1)
        {
            var size = half << 1;
            var wRe = twRe.AsSpan(half - 1, half);
            var wIm = twIm.AsSpan(half - 1, half);
            var vectorised = Vector.IsHardwareAccelerated && half >= width;
            for (var start = 0; start < n; start += size)
            {
                var ar = r.Slice(start, half);
                var ai = m.Slice(start, half);
                var br = r.Slice(start + half, half);
                var bi = m.Slice(start + half, half);
                if (vectorised)
                {
                    Butterflies(
                        MemoryMarshal.Cast<double, Vector<double>>(ar), MemoryMarshal.Cast<double, Vector<double>>(ai),
                        MemoryMarshal.Cast<double, Vector<double>>(br), MemoryMarshal.Cast<double, Vector<double>>(bi),
                        MemoryMarshal.Cast<double, Vector<double>>(wRe), MemoryMarshal.Cast<double, Vector<double>>(wIm));
                }
                else
                {
                    Butterflies(ar, ai, br, bi, wRe, wIm);
                }
            }
        }
    }

    private static void Butterflies(Span<Vector<double>> ar, Span<Vector<double>> ai, Span<Vector<double>> br, Span<Vector<double>> bi, ReadOnlySpan<Vector<double>> wr, ReadOnlySpan<Vector<double>> wi)
    {
        for (var j = 0; j < ar.Length; j++)
        {
            var xr = br[j] * wr[j] - bi[j] * wi[j];
            var xi = br[j] * wi[j] + bi[j] * wr[j];
            var aR = ar[j];
            var aI = ai[j];
            br[j] = aR - xr;
            bi[j] = aI - xi;
            ar[j] = aR + xr;
            ai[j] = aI + xi;
        }
    }

    private static void Butterflies(Span<double> ar, Span<double> ai, Span<double> br, Span<double> bi, ReadOnlySpan<double> wr, ReadOnlySpan<double> wi)
    {
        for (var j = 0; j < ar.Length; j++)
        {
            var xr = br[j] * wr[j] - bi[j] * wi[j];
            var xi = br[j] * wi[j] + bi[j] * wr[j];
            var aR = ar[j];
            var aI = ai[j];
            br[j] = aR - xr;
            bi[j] = aI - xi;
            ar[j] = aR + xr;
            ai[j] = aI + xi;
        }
    }

    private static void BitReverse(double[] re, double[] im, int n)
    {
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
    }

    /// <summary>For each stage of half-length h (1, 2, 4, ...), w_j = e^(-2 pi i j / (2h)), j &lt; h, stored at offset h - 1.</summary>
    private static (double[] Re, double[] Im) Table(int n)
    {
        var re = new double[Math.Max(1, n - 1)];
        var im = new double[re.Length];
        for (var half = 1; half < n; half <<= 1)
        {
            for (var j = 0; j < half; j++)
            {
                var angle = -Math.PI * j / half;
                re[half - 1 + j] = Math.Cos(angle);
                im[half - 1 + j] = Math.Sin(angle);
            }
        }

        return (re, im);
    }
}
