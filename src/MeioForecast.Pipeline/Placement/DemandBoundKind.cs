namespace MeioForecast.Pipeline.Placement;

/// <summary>How the placement turns a node's forecast into its demand bound D_j(tau).</summary>
public enum DemandBoundKind
{
    /// <summary>Mean + z_p x sd of lead-time demand from the forecast moments (<see cref="LeadTimeDemandBound"/>).</summary>
    Normal,

    /// <summary>The p-quantile of the convolved lead-time demand distribution (<see cref="DistributionLeadTimeBound"/>).</summary>
    Distribution,
}
