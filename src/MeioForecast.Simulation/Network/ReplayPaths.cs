namespace MeioForecast.Simulation.Network;

/// <summary>
/// The out-of-sample forecast-error paths a sku's customer nodes replay (issue 28): for each member node m, origin o
/// and step h = 0..H-1 of the forecaster's rolling-origin backtest, the interval [lower, upper] of the probability
/// integral transform of what happened under the forecast served at that origin (u = F(y); an atom at zero gives
/// [0, F(0)], the randomised PIT of discrete data whose middle is the mid-PIT; Czado, Gneiting &amp; Held 2009,
/// Biometrics 65(4):1254-1261). Positions run o x H + h, so consecutive origins H periods apart form one chronological
/// path of W = O x H periods.
/// <para>Each replication replays them by a circular block bootstrap (Politis &amp; Romano 1992, "A circular
/// block-resampling procedure for stationary data", in Exploring the Limits of Bootstrap, Wiley, 263-270; Kunsch 1989,
/// Ann. Statist. 17(3):1217-1241) restricted to starts of the same forecast step as the simulated period (a period
/// of forecast step h takes an error of step h, the spread a forecast of that age showed): a block of
/// <see cref="BlockLength"/> periods starts at a uniformly drawn origin and runs on through the following origins. The
/// block position is shared by every node of the replication, so a sku's nodes replay the same dates together
/// (cross-sectional correlation kept; Lahiri 2003, Resampling Methods for Dependent Data, sec. 2.7). When
/// <see cref="Pooled"/>, the block also draws a shift k and node m replays member (m + k) mod M: the marginal error of
/// each node is then estimated from all M nodes of the sku (M x W values instead of W), at the same dates.</para>
/// </summary>
public sealed class ReplayPaths
{
    private readonly double[][] _lower;
    private readonly double[][] _upper;

    /// <summary>Creates the paths: <paramref name="lower"/>[m][o x H + h] &lt;= <paramref name="upper"/>[m][o x H + h], all in [0, 1].</summary>
    /// <exception cref="ArgumentException">No member, ragged or out-of-range paths, or a block length outside 1..W.</exception>
    public ReplayPaths(IReadOnlyList<double[]> lower, IReadOnlyList<double[]> upper, int horizon, int blockLength, bool pooled)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (lower.Count == 0 || lower.Count != upper.Count)
        {
            throw new ArgumentException("Replay paths need at least one member and as many upper as lower paths.", nameof(lower));
        }

        var w = lower[0].Length;
        if (w == 0 || w % horizon != 0)
        {
            throw new ArgumentException($"A replay path holds whole origins of {horizon} steps; it has {w} values.", nameof(lower));
        }

        for (var m = 0; m < lower.Count; m++)
        {
            if (lower[m].Length != w || upper[m].Length != w)
            {
                throw new ArgumentException($"Replay member {m} has {lower[m].Length} / {upper[m].Length} values, not {w}.", nameof(lower));
            }

            for (var i = 0; i < w; i++)
            {
                if (!(lower[m][i] >= 0.0 && lower[m][i] <= upper[m][i] && upper[m][i] <= 1.0))
                {
                    throw new ArgumentException($"Replay member {m} position {i}: [{lower[m][i]}, {upper[m][i]}] is not an interval in [0, 1].", nameof(lower));
                }
            }
        }

        if (blockLength < 1 || blockLength > w)
        {
            throw new ArgumentOutOfRangeException(nameof(blockLength), blockLength, $"The block length must be in 1..{w}.");
        }

        _lower = [.. lower.Select(p => p.ToArray())];
        _upper = [.. upper.Select(p => p.ToArray())];
        Horizon = horizon;
        BlockLength = blockLength;
        Pooled = pooled;
    }

    /// <summary>H, steps per origin (the forecast step of position i is i mod H).</summary>
    public int Horizon { get; }

    /// <summary>O, backtest origins.</summary>
    public int Origins => _lower[0].Length / Horizon;

    /// <summary>M, member nodes.</summary>
    public int Members => _lower.Length;

    /// <summary>W = O x H, positions per path.</summary>
    public int Length => _lower[0].Length;

    /// <summary>b, consecutive periods replayed from one block.</summary>
    public int BlockLength { get; }

    /// <summary>Whether a block draws the member it replays (shift k) or each node replays its own path.</summary>
    public bool Pooled { get; }

    /// <summary>The PIT interval of member <paramref name="member"/> at <paramref name="position"/>.</summary>
    public (double Lower, double Upper) At(int member, int position) => (_lower[member][position], _upper[member][position]);
}
