namespace MeioForecast.Reporting.Model;

/// <summary>A location of the network graph.</summary>
/// <param name="Id">Location id.</param>
/// <param name="Type">Location type, e.g. <c>store</c>.</param>
/// <param name="Echelon">Distance from the customer (0 = customer-facing); the graph's layer.</param>
public sealed record NetworkNode(string Id, string Type, int Echelon);
