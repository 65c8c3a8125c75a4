namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>
/// Linear convolution c_k = sum_j a_j b_(k-j) of two probability vectors: direct summation for small inputs, FFT
/// (one complex transform of a + i b, one inverse) for large ones, chosen by the operation count.
/// </summary>
public static class GridConvolution
{
    /// <summary>Convolves <paramref name="a"/> and <paramref name="b"/> (length a + b - 1); negative FFT round-off is set to 0.</summary>
    public static double[] Convolve(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var scratch = new ConvolutionScratch();
        return Convolve(a, b, scratch);
    }

    /// <summary>As <see cref="Convolve(ReadOnlySpan{double}, ReadOnlySpan{double})"/>, reusing the FFT work arrays in <paramref name="scratch"/> (not thread-safe).</summary>
    internal static double[] Convolve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ConvolutionScratch scratch)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            throw new ArgumentException("Both inputs need at least one element.", nameof(b));
        }

        var length = a.Length + b.Length - 1;
        var n = 1;
        var log2 = 0;
        while (n < length)
        {
            n <<= 1;
            log2++;
        }

        // Measured crossover (bench/MeioForecast.Core.Benchmarks): direct wins below about 3 n log2 n multiply-adds.
        return (double)a.Length * b.Length <= 3.0 * n * Math.Max(1, log2) ? Direct(a, b) : ViaFft(a, b, n, length, scratch);
    }

    /// <summary>Direct O(n m) convolution.</summary>
    public static double[] Direct(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length < b.Length)
        {
            var swap = a;
            a = b;
            b = swap;
        }

        var c = new double[a.Length + b.Length - 1];
        for (var j = 0; j < b.Length; j++)
        {
            var w = b[j];
            if (w == 0.0)
            {
                continue;
            }

            SpanMath.AddScaled(c.AsSpan(j, a.Length), a, w);
        }

        return c;
    }

    private static double[] ViaFft(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, int length, ConvolutionScratch scratch)
    {
        if (scratch.Re.Length < n)
        {
            scratch.Re = new double[n];
            scratch.Im = new double[n];
        }

        var re = scratch.Re;
        var im = scratch.Im;
        a.CopyTo(re);
        re.AsSpan(a.Length, n - a.Length).Clear();
        b.CopyTo(im);
        im.AsSpan(b.Length, n - b.Length).Clear();
        Fft.Forward(re, im, n);

        // Z = FFT(a + i b): A_k = (Z_k + conj Z_(n-k)) / 2, B_k = (Z_k - conj Z_(n-k)) / (2i); C = A B is Hermitian.
        for (var k = 0; k <= n / 2; k++)
        {
            var m = (n - k) & (n - 1);
            double xr = re[k], xi = im[k], yr = re[m], yi = im[m];
            double ar = 0.5 * (xr + yr), ai = 0.5 * (xi - yi);
            double br = 0.5 * (xi + yi), bi = -0.5 * (xr - yr);
            var cr = ar * br - ai * bi;
            var ci = ar * bi + ai * br;

            // Store conj(C) for the inverse transform by conjugation: ifft(C) = conj(fft(conj C)) / n.
            re[k] = cr;
            im[k] = -ci;
            re[m] = cr;
            im[m] = ci;
        }

        Fft.Forward(re, im, n);
        var c = new double[length];
        var scale = 1.0 / n;
        for (var i = 0; i < length; i++)
        {
            c[i] = Math.Max(0.0, re[i] * scale);
        }

        return c;
    }
}
