namespace MeioForecast.Pipeline;

/// <summary>
/// One row of targets.csv: the stock target of a sku-node. Columns are stable; later stages add columns, never rename.
/// Times are in periods, quantities in units, cost in currency units per year.
/// </summary>
/// <param name="Sku">Sku id.</param>
/// <param name="Location">Location id.</param>
/// <param name="ServiceLevel">Cycle service target used for the demand bound.</param>
/// <param name="OutboundServiceTime">S_j, the service time this node quotes to its customers.</param>
/// <param name="InboundServiceTime">SI_j, the service time it gets from its suppliers.</param>
/// <param name="NetReplenishmentTime">tau_j = SI_j + T_j - S_j: the time its base stock must cover.</param>
/// <param name="MeanDemandPerPeriod">Mean demand per period seen by the node (own plus downstream), averaged over the horizon.</param>
/// <param name="SafetyStock">Safety stock, units: base stock minus expected demand over tau_j.</param>
/// <param name="BaseStock">Order-up-to level, units.</param>
/// <param name="HoldingCost">Annual holding cost of the safety stock: safety stock x unit cost x holding-cost rate.</param>
public sealed record TargetRow(
    string Sku,
    string Location,
    double ServiceLevel,
    double OutboundServiceTime,
    double InboundServiceTime,
    double NetReplenishmentTime,
    double MeanDemandPerPeriod,
    double SafetyStock,
    double BaseStock,
    double HoldingCost)
{
    /// <summary>Simulated cycle service level of the node (ServiceCheck); null when the check did not run.</summary>
    public double? AchievedService { get; init; }

    /// <summary>The service level used in the demand bound after calibration (above ServiceLevel = raised, below = lowered); null when not calibrated.</summary>
    public double? CalibratedServiceLevel { get; init; }

    /// <summary>
    /// The relative gap (cost - proven lower bound) / cost of the GSM solution of this row's sku network (the same on
    /// every row of a sku); 0 for a placement that is exact by construction (single-echelon, spanning trees).
    /// </summary>
    public double SkuNetworkGap { get; init; }

    /// <summary>True when the sku network's solution is proven optimal (its gap within the solver's tolerance).</summary>
    public bool SkuNetworkProven { get; init; } = true;

    /// <summary>
    /// Set when the placement covered lateness (<see cref="Placement.NetworkPlacement.Fallback"/>): the lead-time sd
    /// (periods) the node's buffer covers, also at a net replenishment time of 0: its supply lane's plus what a
    /// supplying stage that holds nothing passes on, or 0 when the node passes its own lateness on. Null: the classical
    /// bound (its own lane's sd, none of it at tau = 0).
    /// </summary>
    public double? CoveredLeadTimeSd { get; init; }
}
