namespace MeioForecast.Simulation.Network;

/// <summary>An arc i -&gt; j of the supply network seen from the downstream stage j.</summary>
/// <param name="UpstreamId">Id of the upstream stage i.</param>
/// <param name="QuantityPerUnit">phi_ij, units of i consumed per unit of j (1 for distribution, &gt; 0).</param>
public sealed record StageSupply(string UpstreamId, double QuantityPerUnit = 1.0);
