using MathNet.Numerics.LinearAlgebra;
using MeioForecast.Forecasting.Ssa;

namespace MeioForecast.Forecasting.Tests.Ssa;

public class SsaDecompositionTests
{
    [Fact]
    public void Lrr_forecast_of_a_pure_sinusoid_is_exact()
    {
        // x_n = 3 sin(2 pi n / 12 + 0.4) has rank 2 (Golyandina & Korobeynikov 2014, Sec. 2.1: a sinusoid spans a 2-D
        // trajectory space), so the rank-2 reconstruction is exact and the LRR continues it exactly: closed form.
        static double X(int n) => 3 * Math.Sin(2 * Math.PI * n / 12 + 0.4);
        var x = Enumerable.Range(0, 120).Select(X).ToArray();
        var rec = SsaDecomposition.Compute(x, 24).AtRank(2);
        var recon = rec.Reconstructed();
        for (var n = 0; n < 120; n++)
        {
            Assert.Equal(X(n), recon[n], 1e-10);
        }

        var f = rec.Forecast(60);
        for (var h = 0; h < 60; h++)
        {
            Assert.Equal(X(120 + h), f[h], 1e-8);
        }

        // From a past origin the prefix reconstruction is exact as well.
        var g = rec.ForecastFrom(50, 30);
        for (var h = 0; h < 30; h++)
        {
            Assert.Equal(X(50 + h), g[h], 1e-8);
        }
    }

    [Fact]
    public void Eigenvalues_are_the_squared_singular_values_of_the_trajectory_matrix()
    {
        // Independent path: MathNet SVD of the explicit L x K Hankel matrix.
        var rng = new Random(7);
        var x = Enumerable.Range(0, 40).Select(i => 5 + Math.Sin(i) + rng.NextDouble()).ToArray();
        const int l = 12;
        var traj = Matrix<double>.Build.Dense(l, x.Length - l + 1, (i, j) => x[i + j]);
        var sv = traj.Svd().S.ToArray();
        var d = SsaDecomposition.Compute(x, l);
        for (var i = 0; i < l; i++)
        {
            Assert.Equal(sv[i] * sv[i], d.Eigenvalues[i], 1e-8 * d.Eigenvalues[0]);
        }

        // Full rank reconstructs the series exactly (X = sum of all elementary matrices).
        var full = d.AtRank(l).Reconstructed();
        for (var n = 0; n < x.Length; n++)
        {
            Assert.Equal(x[n], full[n], 1e-9);
        }
    }

    [Fact]
    public void A_constant_series_has_one_eigenvalue_c2_K_L()
    {
        // S = c^2 K 1 1^T: one eigenvalue c^2 K L, the rest zero (closed form).
        var x = Enumerable.Repeat(4.0, 30).ToArray();
        var d = SsaDecomposition.Compute(x, 10);
        Assert.Equal(16.0 * 21 * 10, d.Eigenvalues[0], 1e-8);
        Assert.Equal(1, d.RankForShare(0.999999));
        Assert.All(d.AtRank(1).Forecast(5), v => Assert.Equal(4.0, v, 1e-10));
    }

    [Fact]
    public void The_shortcuts_of_the_rank_choice_give_the_plain_computation_to_the_last_bit()
    {
        // Reference: the plain path, two separate decompositions and groupings over every lagged vector. The shortcuts
        // (the whole series' lag covariances continuing the prefix's sums; validation groupings that skip the lagged
        // vectors their forecasts never read) must not move a bit, or the rank choice could change.
        var rng = new Random(11);
        var x = Enumerable.Range(0, 400).Select(i => 20 + (5 * Math.Sin(2 * Math.PI * i / 7)) + (3 * rng.NextDouble())).ToArray();
        const int l = 91, start = 309;
        var (prefix, whole) = SsaDecomposition.ComputePrefixAndWhole(x, start, l);
        var plainPrefix = SsaDecomposition.Compute(x[..start], l);
        var plainWhole = SsaDecomposition.Compute(x, l);
        Assert.Equal(plainPrefix.Eigenvalues, prefix.Eigenvalues);
        Assert.Equal(plainWhole.Eigenvalues, whole.Eigenvalues);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(plainPrefix.Eigenvector(i), prefix.Eigenvector(i));
            Assert.Equal(plainWhole.Eigenvector(i), whole.Eigenvector(i));
        }

        var late = prefix.UpToRank(8, x, start).ToArray();
        var plain = plainPrefix.UpToRank(8, x).ToArray();
        for (var r = 0; r < 8; r++)
        {
            Assert.Equal(start, late[r].ValidFrom);
            for (var o = start; o <= x.Length; o += 13)
            {
                Assert.Equal(plain[r].ForecastFrom(o, 28), late[r].ForecastFrom(o, 28));
            }

            Assert.Throws<ArgumentOutOfRangeException>(() => late[r].ForecastFrom(start - 1, 28));
            Assert.Throws<InvalidOperationException>(() => late[r].Reconstructed());
        }

        // AtRank builds only the last grouping, the same as the last of UpToRank.
        Assert.Equal(plainWhole.UpToRank(6).Last().Reconstructed(), whole.AtRank(6).Reconstructed());
    }
}
