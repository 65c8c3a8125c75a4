namespace MeioForecast.Simulation.Network;

/// <summary>
/// Serial dependence of a sampled customer demand, kept from history: the ranks r_1..r_W (0..W-1) of the node's past
/// probability-integral-transform values u_t = F_t(actual_t) under its forecast distributions. Each replication draws
/// the period uniforms as a circular block bootstrap of this rank path (Politis &amp; Romano 1992, "A circular
/// block-resampling procedure for stationary data", in Exploring the Limits of Bootstrap, Wiley, 263-270; moving blocks
/// of Kunsch 1989, Ann. Statist. 17(3):1217-1241): blocks of <see cref="BlockLength"/> consecutive ranks from a uniform
/// start, u = (r + v)/W with v uniform in (0, 1). Every u is exactly uniform, so each period's demand keeps its forecast
/// distribution; runs of high or low ranks (a level the forecast misses for weeks) are kept within a block. The block
/// position is shared by all stages of a replication: give every node of a network paths over the same W periods
/// (the same dates), so the nodes replay history together.
/// </summary>
public sealed record DemandDependence
{
    /// <summary>Creates the dependence from a rank path and a block length.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 ranks, a rank outside 0..W-1, or a block length outside 1..W.</exception>
    public DemandDependence(IReadOnlyList<int> ranks, int blockLength)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        if (ranks.Count < 2 || ranks.Any(r => r < 0 || r >= ranks.Count))
        {
            throw new ArgumentException("A rank path needs at least 2 ranks, each in 0..W-1.", nameof(ranks));
        }

        if (blockLength < 1 || blockLength > ranks.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(blockLength), blockLength, "The block length must be in 1..W.");
        }

        Ranks = [.. ranks];
        BlockLength = blockLength;
    }

    /// <summary>The rank path r_1..r_W.</summary>
    public IReadOnlyList<int> Ranks { get; }

    /// <summary>b, consecutive periods drawn from one block.</summary>
    public int BlockLength { get; }
}
