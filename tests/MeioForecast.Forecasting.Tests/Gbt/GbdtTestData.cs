using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Forecasting.Tests.Gbt;

/// <summary>Seeded synthetic data sets for the GBDT tests.</summary>
internal static class GbdtTestData
{
    public static double Normal(Random rng)
    {
        // Box-Muller transform.
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>True conditional mean f(x) of the heteroscedastic set.</summary>
    public static double Mean(double x0, double x1) => (3.0 * Math.Sin(3.0 * x0)) + (2.0 * x1);

    /// <summary>True conditional standard deviation sigma(x) of the heteroscedastic set.</summary>
    public static double Sigma(double x0) => 0.5 + x0;

    /// <summary>y = f(x) + sigma(x0) * N(0,1), x0 and x1 uniform on [0,1], plus a pure-noise feature x2.</summary>
    public static GbdtDataset Heteroscedastic(int n, int seed)
    {
        var rng = new Random(seed);
        var x0 = new double[n];
        var x1 = new double[n];
        var x2 = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x0[i] = rng.NextDouble();
            x1[i] = rng.NextDouble();
            x2[i] = rng.NextDouble();
            y[i] = Mean(x0[i], x1[i]) + (Sigma(x0[i]) * Normal(rng));
        }

        return new GbdtDataset(["x0", "x1", "x2"], [x0, x1, x2], y);
    }

    /// <summary>
    /// Mixed set: numeric x0 with 10% NaN (NaN rows get +4), categorical store code 0..11 (effect 2 for codes in
    /// {1,4,7,10}), numeric x2 and a weekday code 0..6 (categorical), L2 noise 0.3.
    /// </summary>
    public static GbdtDataset Mixed(int n, int seed, bool weighted = false)
    {
        var rng = new Random(seed);
        var x0 = new double[n];
        var store = new double[n];
        var x2 = new double[n];
        var dow = new double[n];
        var y = new double[n];
        var w = weighted ? new double[n] : null;
        for (var i = 0; i < n; i++)
        {
            x0[i] = rng.NextDouble() < 0.1 ? double.NaN : rng.NextDouble();
            store[i] = rng.Next(12);
            x2[i] = rng.NextDouble();
            dow[i] = rng.Next(7);
            var s = (int)store[i];
            y[i] = (double.IsNaN(x0[i]) ? 4.0 : 2.0 * x0[i]) + (s % 3 == 1 ? 2.0 : 0.0) + x2[i] + (dow[i] >= 5 ? 1.0 : 0.0)
                + (0.3 * Normal(rng));
            if (w is not null)
            {
                w[i] = 0.5 + rng.NextDouble();
            }
        }

        return new GbdtDataset(["x0", "store", "x2", "dow"], [x0, store, x2, dow], y, w, [false, true, false, true]);
    }

    public static double[] Row(GbdtDataset d, int i) => d.Columns.Select(c => c[i]).ToArray();
}
