using MathNet.Numerics.LinearAlgebra;

namespace MeioForecast.Forecasting.Ssa;

/// <summary>
/// Ridge regression of a series on known-in-advance signals (standardised columns, centred target; Hoerl &amp; Kennard
/// 1970, Technometrics 12). <see cref="Effect"/> is the centred contribution sum_j b_j (s_j - mean_j), so subtracting it
/// leaves the level in the series.
/// </summary>
internal sealed class SignalRegression
{
    private SignalRegression(string[] names, double[] means, double[] coefficients)
    {
        Names = names;
        Means = means;
        Coefficients = coefficients;
    }

    /// <summary>Signals with a coefficient (constant columns dropped).</summary>
    public string[] Names { get; }

    public double[] Means { get; }

    /// <summary>Coefficients in units of the raw signals.</summary>
    public double[] Coefficients { get; }

    public static SignalRegression None { get; } = new([], [], []);

    /// <summary>Fits y on the columns (each the length of y); penalty lambda = <paramref name="ridge"/> x N.</summary>
    public static SignalRegression Fit(IReadOnlyList<string> names, IReadOnlyList<double[]> columns, IReadOnlyList<double> y, double ridge)
    {
        var n = y.Count;
        var kept = new List<int>();
        var means = new List<double>();
        var sds = new List<double>();
        for (var j = 0; j < columns.Count; j++)
        {
            var mean = columns[j].Average();
            var sd = Math.Sqrt(columns[j].Sum(v => (v - mean) * (v - mean)) / n);
            if (sd > 1e-12 * (1 + Math.Abs(mean)))
            {
                kept.Add(j);
                means.Add(mean);
                sds.Add(sd);
            }
        }

        if (kept.Count == 0)
        {
            return None;
        }

        var p = kept.Count;
        var yMean = y.Average();
        var a = Matrix<double>.Build.Dense(p, p);
        var b = Vector<double>.Build.Dense(p);
        for (var r = 0; r < p; r++)
        {
            var cr = columns[kept[r]];
            for (var c = r; c < p; c++)
            {
                var cc = columns[kept[c]];
                var sum = 0.0;
                for (var t = 0; t < n; t++)
                {
                    sum += (cr[t] - means[r]) * (cc[t] - means[c]);
                }

                a[r, c] = a[c, r] = sum / (sds[r] * sds[c]);
            }

            a[r, r] += ridge * n + 1e-9 * n;
            var sy = 0.0;
            for (var t = 0; t < n; t++)
            {
                sy += (cr[t] - means[r]) * (y[t] - yMean);
            }

            b[r] = sy / sds[r];
        }

        var z = a.Cholesky().Solve(b);
        var coefficients = new double[p];
        for (var r = 0; r < p; r++)
        {
            coefficients[r] = z[r] / sds[r];
        }

        return new SignalRegression(kept.Select(j => names[j]).ToArray(), means.ToArray(), coefficients);
    }

    /// <summary>Centred effect per period; <paramref name="columns"/> are aligned with <see cref="Names"/>.</summary>
    public double[] Effect(IReadOnlyList<double[]> columns, int length)
    {
        var e = new double[length];
        for (var j = 0; j < Names.Length; j++)
        {
            for (var t = 0; t < length; t++)
            {
                e[t] += Coefficients[j] * (columns[j][t] - Means[j]);
            }
        }

        return e;
    }
}
