using MeioForecast.Simulation.Network;

namespace MeioForecast.Simulation.Engine;

/// <summary>
/// The circular block bootstrap of every lane over a sku's <see cref="ReplayPaths"/>: one block position (and, when
/// pooled, one member shift) per lane, shared by all stages of the network, so the nodes of a sku replay the same
/// backtest dates together and their cross-sectional correlation is kept along with the serial one (the joint
/// resampling of time blocks across series; Lahiri 2003, Resampling Methods for Dependent Data, Springer, sec. 2.7).
/// </summary>
internal sealed class BlockBootstrap(int lanes)
{
    private readonly int[] _start = new int[lanes];
    private readonly int[] _shift = new int[lanes];
    private readonly int[] _since = [.. Enumerable.Repeat(-1, lanes)];

    /// <summary>
    /// The uniform of period <paramref name="t"/> (forecast step <paramref name="phase"/>) in one lane: at the block's
    /// position, drawn within the replayed PIT interval; a new block (a uniform origin, its position at the same step, and
    /// a uniform member shift when pooled) when the current one ends. The block is drawn from <paramref name="blocks"/>,
    /// the uniform within the PIT interval from <paramref name="rng"/> (the same stream unless
    /// <see cref="Options.SimulationOptions.BlockSeed"/> shares the dates across networks).
    /// </summary>
    public double Next(int t, int phase, int lane, ReplayMember replay, ref Xoshiro256StarStar blocks, ref Xoshiro256StarStar rng)
    {
        var paths = replay.Paths;
        if (_since[lane] < 0 || t < _since[lane] || t - _since[lane] >= paths.BlockLength)
        {
            _start[lane] = ((int)(blocks.NextOpenUnit() * paths.Origins) * paths.Horizon) + (phase % paths.Horizon);
            _shift[lane] = paths.Pooled ? (int)(blocks.NextOpenUnit() * paths.Members) : 0;
            _since[lane] = t;
        }

        var position = (_start[lane] + t - _since[lane]) % paths.Length;
        var (lower, upper) = paths.At((replay.Member + _shift[lane]) % paths.Members, position);
        var u = lower + (rng.NextOpenUnit() * (upper - lower));

        // The distributions' quantile functions take an open unit interval; a PIT of 0 or 1 (an actual outside the
        // forecast's support) becomes the nearest representable interior level.
        return Math.Clamp(u, 1e-12, 1.0 - 1e-12);
    }
}
