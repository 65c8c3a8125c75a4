using MeioForecast.Simulation.Network;

namespace MeioForecast.Simulation.Engine;

/// <summary>
/// The circular block bootstrap of every lane (<see cref="DemandDependence"/>): one block position per lane, shared by
/// all stages of the network, so the nodes of a sku replay the same historical periods together and their
/// cross-sectional correlation (a level every store misses at once) is kept along with the serial one (the joint
/// resampling of time blocks across series; Lahiri 2003, Resampling Methods for Dependent Data, Springer, sec. 2.7).
/// </summary>
internal sealed class BlockBootstrap(int lanes)
{
    private readonly int[] _start = new int[lanes];
    private readonly int[] _since = [.. Enumerable.Repeat(-1, lanes)];

    /// <summary>The uniform of period <paramref name="t"/> in one lane: (rank + v)/W at the block's position, a new block from a uniform start when it ends.</summary>
    public double Next(int t, int lane, DemandDependence dependence, ref Xoshiro256StarStar rng)
    {
        var w = dependence.Ranks.Count;
        if (_since[lane] < 0 || t < _since[lane] || t - _since[lane] >= dependence.BlockLength)
        {
            _start[lane] = (int)(rng.NextOpenUnit() * w);
            _since[lane] = t;
        }

        var position = (_start[lane] + t - _since[lane]) % w;
        return (dependence.Ranks[position] + rng.NextOpenUnit()) / w;
    }
}
