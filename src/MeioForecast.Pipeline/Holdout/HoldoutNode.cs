namespace MeioForecast.Pipeline.Holdout;

/// <summary>The held-out result of one sku-node with customer demand: its targets replayed against actual demand.</summary>
/// <param name="Sku">Sku id.</param>
/// <param name="Location">Location id.</param>
/// <param name="TargetServiceLevel">The cycle service target of the input.</param>
/// <param name="CalibratedServiceLevel">The level used in the demand bound after calibration; null when the service check was off.</param>
/// <param name="SimulatedService">The service the run predicted by simulating its forecasts; null when the check was off.</param>
/// <param name="AchievedService">Cycle service achieved on the actual demand after the origin (mean over replications).</param>
/// <param name="StandardError">Standard error of <paramref name="AchievedService"/> across replications (lead-time randomness only).</param>
/// <param name="FillRate">Fraction of the actual demand units shipped from stock when due.</param>
/// <param name="BaseStock">B_j, the node's base stock from the targets, units.</param>
/// <param name="ActualMeanDemand">Mean actual demand per held-out period, units.</param>
/// <param name="PlannedMeanDemand">Mean demand per period the targets were planned for (targets.csv), units.</param>
public sealed record HoldoutNode(
    string Sku,
    string Location,
    double TargetServiceLevel,
    double? CalibratedServiceLevel,
    double? SimulatedService,
    double AchievedService,
    double StandardError,
    double FillRate,
    double BaseStock,
    double ActualMeanDemand,
    double PlannedMeanDemand)
{
    /// <summary>Annual holding cost of the node's safety stock in the replayed targets (<see cref="TargetRow.HoldingCost"/>).</summary>
    public double HoldingCost { get; init; }
}
