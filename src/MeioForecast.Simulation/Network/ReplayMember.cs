namespace MeioForecast.Simulation.Network;

/// <summary>A customer node's place in its sku's <see cref="ReplayPaths"/>: the node replays member <paramref name="Member"/> (shifted when pooled).</summary>
/// <param name="Paths">The sku's paths, shared by all its replaying nodes.</param>
/// <param name="Member">This node's own member index, 0..M-1.</param>
public sealed record ReplayMember(ReplayPaths Paths, int Member)
{
    /// <summary>Throws when the member index is outside the paths.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Member outside 0..M-1.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Paths);
        if (Member < 0 || Member >= Paths.Members)
        {
            throw new ArgumentOutOfRangeException(nameof(Member), Member, $"The member must be in 0..{Paths.Members - 1}.");
        }
    }
}
