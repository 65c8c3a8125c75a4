namespace MeioForecast.Core.Network;

/// <summary>A node of the physical network.</summary>
/// <param name="Id">Unique location id.</param>
/// <param name="Type">Supplier, plant, distribution center or store.</param>
/// <param name="Echelon">Distance from the customer in echelons (0 = customer-facing), for display and checks.</param>
public sealed record Location(string Id, LocationType Type, int Echelon);
