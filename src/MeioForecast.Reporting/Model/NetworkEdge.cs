namespace MeioForecast.Reporting.Model;

/// <summary>A lane of the network graph: material flows from <paramref name="From"/> to <paramref name="To"/>.</summary>
/// <param name="From">Upstream location id.</param>
/// <param name="To">Downstream location id.</param>
public sealed record NetworkEdge(string From, string To);
