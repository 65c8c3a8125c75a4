namespace MeioForecast.Core.Distributions;

/// <summary>
/// The demand bound D_j(tau) of the Guaranteed Service Model (Graves &amp; Willems 2000, MSOM 2(1):68-83): the demand over
/// a net replenishment time of tau periods that stage j's base stock must cover at its service level. Safety stock is
/// D_j(tau) - tau * mu_j. This is the only bridge between forecasting and optimization.
/// </summary>
public abstract class DemandBound
{
    /// <summary>mu_j, the mean demand per period.</summary>
    public abstract double MeanPerPeriod { get; }

    /// <summary>D_j(tau), the base stock needed for a net replenishment time of <paramref name="tau"/> periods (tau &gt;= 0).</summary>
    public abstract double BaseStock(int tau);

    /// <summary>
    /// D_j(tau) minus the expected demand over tau periods: tau * mu_j here; bounds built from non-identical periods
    /// override it with the exact expected tau-period demand.
    /// </summary>
    public virtual double SafetyStock(int tau) => BaseStock(tau) - tau * MeanPerPeriod;
}
