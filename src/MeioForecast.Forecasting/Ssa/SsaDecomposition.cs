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
        var x = series.ToArray();
        CheckWindow(x.Length, windowLength);
        var s = new double[windowLength, windowLength];
        LagCovariances(x, windowLength, [(x.Length - windowLength + 1, s)]);
        return Decompose(x, windowLength, s);
    }

    /// <summary>
    /// The decompositions of the first <paramref name="prefixLength"/> values of <paramref name="series"/> and of the
    /// whole series, equal to two <see cref="Compute"/> calls to the last bit: the whole series' lag covariances
    /// continue the prefix's sums instead of starting over.
    /// </summary>
    public static (SsaDecomposition Prefix, SsaDecomposition Whole) ComputePrefixAndWhole(IReadOnlyList<double> series, int prefixLength, int windowLength)
    {
        ArgumentNullException.ThrowIfNull(series);
        var x = series.ToArray();
        CheckWindow(prefixLength, windowLength);
        CheckWindow(x.Length, windowLength);
        var prefix = new double[windowLength, windowLength];
        var whole = new double[windowLength, windowLength];
        LagCovariances(x, windowLength, [(prefixLength - windowLength + 1, prefix), (x.Length - windowLength + 1, whole)]);
        return (Decompose(x[..prefixLength], windowLength, prefix), Decompose(x, windowLength, whole));
    }

    private static void CheckWindow(int n, int windowLength)
    {
        if (windowLength < 2 || windowLength > n - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(windowLength), windowLength, $"The window length must lie in 2..N-1 (N = {n}).");
        }
    }

    /// <summary>S = X X^T over the first K lagged vectors, for each (K, S) of <paramref name="targets"/> (ascending K).</summary>
    private static void LagCovariances(double[] x, int l, (int K, double[,] S)[] targets)
    {
        for (var i = 0; i < l; i++)
        {
            for (var j = i; j < l; j++)
            {
                var sum = 0.0;
                var c = 0;
                foreach (var (k, s) in targets)
                {
                    for (; c < k; c++)
                    {
                        sum += x[i + c] * x[j + c];
                    }

                    s[i, j] = sum;
                    s[j, i] = sum;
                }
            }
        }
    }

    private static SsaDecomposition Decompose(double[] x, int l, double[,] s)
    {
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

        // Only the last grouping is built: hat accumulates U_m V_m^T in the order UpToRank does, so it is the same.
        var hat = new double[WindowLength * LaggedVectors];
        for (var m = 0; m < rank; m++)
        {
            Accumulate(hat, _vectors[m], Factor(m));
        }

        return new SsaReconstruction(hat, WindowLength, LaggedVectors, _vectors.Take(rank).ToArray());
    }

    /// <summary>The groupings {1..1}, {1..2}, ..., {1..<paramref name="maxRank"/>}, built incrementally in O(L K) each.</summary>
    internal IEnumerable<SsaReconstruction> UpToRank(int maxRank) => UpToRank(maxRank, null);

    /// <summary>
    /// The groupings {1..r}, r = 1..<paramref name="maxRank"/>, applied to <paramref name="other"/> (a series of length
    /// &gt;= L, e.g. this series extended by later periods): its lagged vectors are projected on this decomposition's
    /// eigenvectors, so forecasts from origins past this series' end use no basis information from after them. With
    /// <paramref name="validFrom"/> (&gt; 2L - 2) the groupings serve forecasts from that origin on only and skip the
    /// lagged vectors those never read (<see cref="SsaReconstruction.ValidFrom"/>): same values, a fraction of the cost.
    /// </summary>
    internal IEnumerable<SsaReconstruction> UpToRank(int maxRank, IReadOnlyList<double>? other, int validFrom = 0)
    {
        var l = WindowLength;
        var series = other ?? _series;
        var k = series.Count - l + 1;
        var first = Math.Clamp(validFrom - (2 * l) + 2, 0, k - 1);
        var hat = new double[l * k];
        for (var m = 0; m < Math.Min(maxRank, l); m++)
        {
            var u = _vectors[m];
            Accumulate(hat, u, other is null ? Factor(m) : Project(u, series, first), first);
            yield return new SsaReconstruction(hat, l, k, _vectors.Take(m + 1).ToArray(), first);
        }
    }

    /// <summary>hat += u f^T (column-major, L = u.Length rows) over columns <paramref name="first"/>.. .</summary>
    private static void Accumulate(double[] hat, double[] u, double[] f, int first = 0)
    {
        var l = u.Length;
        for (var c = first; c < f.Length; c++)
        {
            var fc = f[c];
            var col = c * l;
            for (var i = 0; i < l; i++)
            {
                hat[col + i] += u[i] * fc;
            }
        }
    }

    /// <summary>U^T X_c for the lagged vectors c = <paramref name="first"/>.. (earlier entries 0).</summary>
    private static double[] Project(double[] u, IReadOnlyList<double> series, int first = 0)
    {
        var l = u.Length;
        var f = new double[series.Count - l + 1];
        for (var c = first; c < f.Length; c++)
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
