using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace MeioForecast.Forecasting.Ssa;

/// <summary>
/// Basic Singular Spectrum Analysis of one series (Golyandina, Nekrutkin &amp; Zhigljavsky 2001, "Analysis of Time
/// Series Structure: SSA and Related Techniques", Chapman &amp; Hall; Golyandina &amp; Korobeynikov 2014, "Basic
/// Singular Spectrum Analysis and forecasting with R", Computational Statistics &amp; Data Analysis 71, arXiv:1206.6910).
/// Embedding: the series x_1..x_N becomes the L x K trajectory (Hankel) matrix X with columns X_j = (x_j..x_{j+L-1}),
/// K = N - L + 1. Decomposition: eigen-decomposition of the lag-covariance matrix S = X X^T (L x L), eigenvalues
/// lambda_1 &gt;= ... &gt;= lambda_L with eigenvectors U_i (the left singular vectors of X, sqrt(lambda_i) its singular
/// values). Cost O(L^2 K + L^3) time, O(L K) memory. Grouping takes the leading r eigentriples; see
/// <see cref="AtRank"/> for diagonal averaging and the recurrent (LRR) forecast.
/// </summary>
public sealed class SsaDecomposition
{
    private readonly double[] _series;
    private readonly double[][] _vectors;
    private readonly List<double[]> _factors = [];

    private SsaDecomposition(double[] series, int windowLength, double[] eigenvalues, double[][] vectors)
    {
        _series = series;
        WindowLength = windowLength;
        Eigenvalues = eigenvalues;
        _vectors = vectors;
    }

    /// <summary>The window length L.</summary>
    public int WindowLength { get; }

    /// <summary>The series length N.</summary>
    public int SeriesLength => _series.Length;

    /// <summary>K = N - L + 1, the number of lagged vectors.</summary>
    public int LaggedVectors => _series.Length - WindowLength + 1;

    /// <summary>The eigenvalues lambda_i of S = X X^T, descending (squared singular values of X).</summary>
    public IReadOnlyList<double> Eigenvalues { get; }

    /// <summary>
    /// Embeds <paramref name="series"/> with window <paramref name="windowLength"/> (2 &lt;= L &lt;= N - 1) and
    /// eigen-decomposes the lag-covariance matrix.
    /// </summary>
    public static SsaDecomposition Compute(IReadOnlyList<double> series, int windowLength)
    {
        ArgumentNullException.ThrowIfNull(series);
        var n = series.Count;
        if (windowLength < 2 || windowLength > n - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(windowLength), windowLength, $"The window length must lie in 2..N-1 (N = {n}).");
        }

        var x = series.ToArray();
        var l = windowLength;
        var k = n - l + 1;
        var s = new double[l, l];
        for (var i = 0; i < l; i++)
        {
            for (var j = i; j < l; j++)
            {
                var sum = 0.0;
                for (var c = 0; c < k; c++)
                {
                    sum += x[i + c] * x[j + c];
                }

                s[i, j] = sum;
                s[j, i] = sum;
            }
        }

        var evd = Matrix<double>.Build.DenseOfArray(s).Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, l).OrderByDescending(i => evd.EigenValues[i].Real).ThenBy(i => i).ToArray();
        var values = new double[l];
        var vectors = new double[l][];
        for (var r = 0; r < l; r++)
        {
            values[r] = Math.Max(0.0, evd.EigenValues[order[r]].Real);
            var v = evd.EigenVectors.Column(order[r]).ToArray();
            // Fix the sign (largest-magnitude entry positive) so that outputs are reproducible.
            var big = 0;
            for (var i = 1; i < l; i++)
            {
                if (Math.Abs(v[i]) > Math.Abs(v[big]))
                {
                    big = i;
                }
            }

            if (v[big] < 0)
            {
                for (var i = 0; i < l; i++)
                {
                    v[i] = -v[i];
                }
            }

            vectors[r] = v;
        }

        return new SsaDecomposition(x, l, values, vectors);
    }

    /// <summary>Share of sum(lambda) carried by the leading <paramref name="rank"/> eigentriples.</summary>
    public double ExplainedShare(int rank)
    {
        var total = Eigenvalues.Sum();
        return total <= 0 ? 1.0 : Eigenvalues.Take(rank).Sum() / total;
    }

    /// <summary>The smallest rank whose <see cref="ExplainedShare"/> reaches <paramref name="threshold"/> (in (0, 1]).</summary>
    public int RankForShare(double threshold)
    {
        var total = Eigenvalues.Sum();
        if (total <= 0)
        {
            return 1;
        }

        var acc = 0.0;
        for (var r = 0; r < Eigenvalues.Count; r++)
        {
            acc += Eigenvalues[r];
            if (acc >= threshold * total)
            {
                return r + 1;
            }
        }

        return Eigenvalues.Count;
    }

    /// <summary>The eigenvector U_i (0-based <paramref name="index"/>), length L.</summary>
    public IReadOnlyList<double> Eigenvector(int index) => _vectors[index];

    /// <summary>The grouping I = {1..<paramref name="rank"/>}: reconstruction and recurrent forecast.</summary>
    public SsaReconstruction AtRank(int rank)
    {
        if (rank < 1 || rank > WindowLength)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"The rank must lie in 1..L (L = {WindowLength}).");
        }

        return UpToRank(rank).Last();
    }

    /// <summary>The groupings {1..1}, {1..2}, ..., {1..<paramref name="maxRank"/>}, built incrementally in O(L K) each.</summary>
    internal IEnumerable<SsaReconstruction> UpToRank(int maxRank) => UpToRank(maxRank, null);

    /// <summary>
    /// The groupings {1..r}, r = 1..<paramref name="maxRank"/>, applied to <paramref name="other"/> (a series of length
    /// &gt;= L, e.g. this series extended by later periods): its lagged vectors are projected on this decomposition's
    /// eigenvectors, so forecasts from origins past this series' end use no basis information from after them.
    /// </summary>
    internal IEnumerable<SsaReconstruction> UpToRank(int maxRank, IReadOnlyList<double>? other)
    {
        var l = WindowLength;
        var series = other ?? _series;
        var k = series.Count - l + 1;
        var hat = new double[l, k];
        for (var m = 0; m < Math.Min(maxRank, l); m++)
        {
            var u = _vectors[m];
            var f = other is null ? Factor(m) : Project(u, series);
            for (var i = 0; i < l; i++)
            {
                var ui = u[i];
                for (var c = 0; c < k; c++)
                {
                    hat[i, c] += ui * f[c];
                }
            }

            yield return new SsaReconstruction(hat, _vectors.Take(m + 1).ToArray());
        }
    }

    private static double[] Project(double[] u, IReadOnlyList<double> series)
    {
        var l = u.Length;
        var f = new double[series.Count - l + 1];
        for (var c = 0; c < f.Length; c++)
        {
            var sum = 0.0;
            for (var i = 0; i < l; i++)
            {
                sum += u[i] * series[i + c];
            }

            f[c] = sum;
        }

        return f;
    }

    /// <summary>Whether the LRR of the grouping {1..<paramref name="rank"/>} exists (nu^2 &lt; 1).</summary>
    internal bool AtRankIfFeasible(int rank)
    {
        var nu2 = 0.0;
        for (var m = 0; m < rank; m++)
        {
            nu2 += _vectors[m][WindowLength - 1] * _vectors[m][WindowLength - 1];
        }

        return nu2 < 1.0 - 1e-9;
    }

    /// <summary>Factor vector V_m = X^T U_m (length K), cached.</summary>
    private double[] Factor(int m)
    {
        lock (_factors)
        {
            while (_factors.Count <= m)
            {
                _factors.Add(Project(_vectors[_factors.Count], _series));
            }

            return _factors[m];
        }
    }
}
