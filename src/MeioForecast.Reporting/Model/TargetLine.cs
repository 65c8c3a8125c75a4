namespace MeioForecast.Reporting.Model;

/// <summary>One row of a run's targets.csv (docs/output-format.md).</summary>
/// <param name="Sku">Sku id.</param>
/// <param name="Location">Location id.</param>
/// <param name="ServiceLevel">Cycle service target (fraction).</param>
/// <param name="NetReplenishmentTime">tau_j in periods.</param>
/// <param name="MeanDemand">Mean demand seen by the node, units/period.</param>
/// <param name="SafetyStock">Safety stock in units.</param>
/// <param name="BaseStock">Base stock in units.</param>
/// <param name="HoldingCost">Holding cost of the safety stock, currency/year.</param>
/// <param name="AchievedService">Simulated cycle service level; null when the service check was off.</param>
/// <param name="CalibratedServiceLevel">Service level used after calibration; null when the check was off.</param>
public sealed record TargetLine(
    string Sku,
    string Location,
    double ServiceLevel,
    double NetReplenishmentTime,
    double MeanDemand,
    double SafetyStock,
    double BaseStock,
    double HoldingCost,
    double? AchievedService,
    double? CalibratedServiceLevel);
