using MeioForecast.Core.Distributions;

namespace MeioForecast.Core.LeadTimeDemand;

/// <summary>One downstream node's per-period demand as seen by its supplier over an arc.</summary>
/// <param name="Periods">The node's per-period demand distributions (period 1 first).</param>
/// <param name="QuantityPerUnit">Units of the upstream item per unit of downstream demand (the arc's phi_ij; 1 for distribution), &gt; 0.</param>
public sealed record DownstreamDemand(IReadOnlyList<DemandDistribution> Periods, double QuantityPerUnit = 1.0);
