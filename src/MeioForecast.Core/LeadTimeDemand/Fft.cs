using System.Collections.Concurrent;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>
/// In-place iterative radix-2 complex FFT (Cooley &amp; Tukey 1965, "An algorithm for the machine calculation of complex
/// Fourier series", Math. Comp. 19:297-301) on split real/imaginary arrays; twiddle tables cached per size.
/// </summary>
internal static class Fft
{
    private static readonly ConcurrentDictionary<int, (double[] Cos, double[] Sin)> Twiddles = new();

    /// <summary>X_k = sum_j x_j e^(-2 pi i j k / n) in place; n = re.Length must be a power of two.</summary>
    public static void Forward(double[] re, double[] im, int n)
    {
        BitReverse(re, im, n);
        var (cos, sin) = Twiddles.GetOrAdd(n, Table);
        for (var size = 2; size <= n; size <<= 1)
        {
            var half = size >> 1;
            var stride = n / size;
            for (var start = 0; start < n; start += size)
            {
                for (int j = 0, t = 0; j < half; j++, t += stride)
                {
                    var a = start + j;
                    var b = a + half;
                    double wr = cos[t], wi = sin[t];
                    var xr = re[b] * wr - im[b] * wi;
                    var xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
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

    private static (double[] Cos, double[] Sin) Table(int n)
    {
        var cos = new double[Math.Max(1, n / 2)];
        var sin = new double[cos.Length];
        for (var t = 0; t < cos.Length; t++)
        {
            var angle = -2.0 * Math.PI * t / n;
            cos[t] = Math.Cos(angle);
            sin[t] = Math.Sin(angle);
        }

        return (cos, sin);
    }
}
