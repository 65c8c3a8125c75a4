using MeioForecast.Simulation.Network;

namespace MeioForecast.Simulation.Engine;

/// <summary>The state of every stage's and lane's circular block bootstrap of its rank path (<see cref="DemandDependence"/>).</summary>
internal sealed class BlockBootstrap(int stages, int lanes)
{
    private readonly int[][] _position = [.. Enumerable.Range(0, stages).Select(_ => new int[lanes])];
    private readonly int[][] _left = [.. Enumerable.Range(0, stages).Select(_ => new int[lanes])];

    /// <summary>The next period uniform of stage j in one lane: (rank + v)/W along the current block, a new block from a uniform start when it ends.</summary>
    public double Next(int j, int lane, DemandDependence dependence, ref Xoshiro256StarStar rng)
    {
        var w = dependence.Ranks.Count;
        if (_left[j][lane] == 0)
        {
            _position[j][lane] = Math.Min(w - 1, (int)(rng.NextOpenUnit() * w));
            _left[j][lane] = dependence.BlockLength;
        }

        var position = _position[j][lane];
        _position[j][lane] = (position + 1) % w;
        _left[j][lane]--;
        return (dependence.Ranks[position] + rng.NextOpenUnit()) / w;
    }
}
