namespace MeioForecast.Forecasting.Ssa;

/// <summary>
/// One grouping I = {1..r} of an <see cref="SsaDecomposition"/>: the reconstructed series by diagonal (Hankel)
/// averaging of X_I = sum_{i in I} U_i U_i^T X, and the recurrent forecast with the linear recurrence relation (LRR)
/// of Golyandina &amp; Korobeynikov (2014, CSDA 71, Sec. 2.3 "Recurrent forecasting"): with pi_i the last entry of
/// U_i, nu^2 = sum pi_i^2 (&lt; 1) and U_i^- its first L-1 entries, R = (a_{L-1}..a_1) = sum pi_i U_i^- / (1 - nu^2) and
/// y_n = sum_{j=1}^{L-1} a_j y_{n-j}, started from the reconstructed series.
/// Anti-diagonal prefix sums make the reconstruction of any prefix x_1..x_o (using only lagged vectors inside it)
/// cost O(L), so forecasts from past origins cost O(L h) each.
/// </summary>
public sealed class SsaReconstruction
{
    // Column-major (index c * L + i): the recursion below and the forecasts read it along i.
    private readonly double[] _cumulative;
    private readonly double[] _recurrence;

    /// <param name="hat">X_I column-major (entry (i, c) at c * <paramref name="l"/> + i), L x K; read from column <paramref name="firstColumn"/> on.</param>
    /// <param name="l">L, the window length.</param>
    /// <param name="k">K, the number of lagged vectors.</param>
    /// <param name="vectors">The eigenvectors U_1..U_r of the grouping.</param>
    /// <param name="firstColumn">
    /// The first lagged vector kept (0 = all). A forecast from origin o reads the anti-diagonals from column
    /// o - 2L + 2 on, so the forecasts from origins &gt;= <see cref="ValidFrom"/> = firstColumn + 2L - 2 are those of the
    /// whole grouping to the last bit (each anti-diagonal they read starts at or after firstColumn); the validation
    /// groupings are only asked for forecasts from the last origins, and their sums over the earlier columns were
    /// most of a fit's time.
    /// </param>
    internal SsaReconstruction(double[] hat, int l, int k, double[][] vectors, int firstColumn = 0)
    {
        WindowLength = l;
        LaggedVectors = k;
        Rank = vectors.Length;
        ValidFrom = firstColumn == 0 ? l : firstColumn + (2 * l) - 2;
        // C[i,c] = sum of hat along the anti-diagonal through (i,c) from its first column up to column c.
        _cumulative = new double[l * k];
        for (var c = firstColumn; c < k; c++)
        {
            var col = c * l;
            var prev = col - l + 1;
            for (var i = 0; i < l; i++)
            {
                _cumulative[col + i] = hat[col + i] + (c > 0 && i + 1 < l ? _cumulative[prev + i] : 0.0);
            }
        }

        var nu2 = 0.0;
        foreach (var u in vectors)
        {
            nu2 += u[l - 1] * u[l - 1];
        }

        Verticality = nu2;
        _recurrence = new double[l - 1];
        if (nu2 < 1.0 - 1e-9)
        {
            foreach (var u in vectors)
            {
                var pi = u[l - 1] / (1.0 - nu2);
                for (var j = 0; j < l - 1; j++)
                {
                    _recurrence[j] += pi * u[j];
                }
            }
        }
    }

    /// <summary>The empty grouping (rank 0): reconstruction and forecast are zero.</summary>
    internal static SsaReconstruction Zero(int windowLength, int laggedVectors) => new(new double[windowLength * laggedVectors], windowLength, laggedVectors, []);

    /// <summary>The rank r (number of leading eigentriples).</summary>
    public int Rank { get; }

    /// <summary>The window length L.</summary>
    public int WindowLength { get; }

    /// <summary>The earliest origin <see cref="ForecastFrom"/> serves (L unless the grouping was built for late origins only).</summary>
    public int ValidFrom { get; }

    /// <summary>K, the number of lagged vectors of the decomposed series.</summary>
    public int LaggedVectors { get; }

    /// <summary>nu^2 = sum of squared last entries of U_1..U_r; the LRR exists only when it is below one.</summary>
    public double Verticality { get; }

    /// <summary>Whether the recurrent forecast exists (nu^2 &lt; 1).</summary>
    public bool CanForecast => Verticality < 1.0 - 1e-9;

    /// <summary>The LRR coefficients (a_{L-1}, ..., a_1): y_n = sum_j R[j] y_{n-L+1+j}.</summary>
    public IReadOnlyList<double> Recurrence => _recurrence;

    /// <summary>The reconstructed series (length N) by diagonal averaging.</summary>
    public double[] Reconstructed()
    {
        if (ValidFrom > WindowLength)
        {
            throw new InvalidOperationException($"This grouping serves forecasts from origin {ValidFrom} on only.");
        }

        var n = LaggedVectors + WindowLength - 1;
        var y = new double[n];
        for (var t = 0; t < n; t++)
        {
            y[t] = Averaged(t, LaggedVectors - 1);
        }

        return y;
    }

    /// <summary>The recurrent forecast of <paramref name="horizon"/> values after the end of the series.</summary>
    public double[] Forecast(int horizon) => ForecastFrom(LaggedVectors + WindowLength - 1, horizon);

    /// <summary>
    /// The recurrent forecast of <paramref name="horizon"/> values after period <paramref name="origin"/> (the
    /// count of known values, L &lt;= origin &lt;= N), started from the reconstruction of x_1..x_origin that uses only
    /// the lagged vectors inside it (the eigenvectors stay those of the full decomposition).
    /// </summary>
    public double[] ForecastFrom(int origin, int horizon)
    {
        var l = WindowLength;
        if (origin < ValidFrom || origin > LaggedVectors + l - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(origin), origin, $"The origin must lie in {ValidFrom}..N (L = {l}).");
        }

        if (!CanForecast)
        {
            throw new InvalidOperationException($"The LRR does not exist at rank {Rank}: nu^2 = {Verticality} is not below one.");
        }

        var lastColumn = origin - l;
        var buffer = new double[l - 1 + horizon];
        for (var j = 0; j < l - 1; j++)
        {
            buffer[j] = Averaged(origin - l + 1 + j, lastColumn);
        }

        for (var h = 0; h < horizon; h++)
        {
            var sum = 0.0;
            for (var j = 0; j < l - 1; j++)
            {
                sum += _recurrence[j] * buffer[h + j];
            }

            buffer[l - 1 + h] = sum;
        }

        return buffer[(l - 1)..];
    }

    /// <summary>Diagonal average at time t over lagged vectors (columns) 0..lastColumn.</summary>
    private double Averaged(int t, int lastColumn)
    {
        var kMax = Math.Min(lastColumn, t);
        var kMin = Math.Max(0, t - WindowLength + 1);
        return _cumulative[(kMax * WindowLength) + t - kMax] / (kMax - kMin + 1);
    }
}
