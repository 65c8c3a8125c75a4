namespace MeioForecast.Core.Network;

/// <summary>The role of a location in the supply network.</summary>
public enum LocationType
{
    /// <summary>An external supplier: not planned, quotes a fixed service time of 0 to its customers.</summary>
    Supplier,

    /// <summary>A plant (production or import point), the top of an internal network.</summary>
    Plant,

    /// <summary>A distribution center between plants and stores.</summary>
    DistributionCenter,

    /// <summary>A store or other customer-facing location where external demand arrives.</summary>
    Store,
}
