namespace MeioForecast.Pipeline.Placement;

/// <summary>Options of the placement, bound from the <c>Placement</c> configuration section.</summary>
public sealed record PlacementOptions
{
    /// <summary>
    /// The demand bound: <see cref="DemandBoundKind.Normal"/> (default: z x sd of the forecast moments) or
    /// <see cref="DemandBoundKind.Distribution"/> (the service quantile of the convolved lead-time demand). The default
    /// is the one that held better on held-out demand (docs/holdout.md).
    /// </summary>
    public DemandBoundKind DemandBound { get; init; } = DemandBoundKind.Normal;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option violates its documented constraint.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(DemandBound))
        {
            throw new ArgumentOutOfRangeException(nameof(DemandBound), DemandBound, "The demand bound must be normal or distribution.");
        }
    }
}
