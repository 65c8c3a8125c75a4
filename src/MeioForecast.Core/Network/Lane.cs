namespace MeioForecast.Core.Network;

/// <summary>A replenishment lane: material flows from <see cref="From"/> to <see cref="To"/>.</summary>
/// <param name="Sku">The sku it applies to, or null for every sku stocked at both ends.</param>
/// <param name="From">Upstream location id.</param>
/// <param name="To">Downstream location id.</param>
/// <param name="LeadTime">Transport/supply lead time in periods.</param>
/// <param name="QuantityPerUnit">Units of the upstream item consumed per unit at the downstream node (1 for distribution).</param>
public sealed record Lane(string? Sku, string From, string To, LeadTime LeadTime, double QuantityPerUnit = 1.0)
{
    /// <summary>True when the lane carries <paramref name="sku"/>.</summary>
    public bool Carries(string sku) => Sku is null || Sku == sku;
}
