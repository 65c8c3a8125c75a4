namespace MeioForecast.Pipeline.ServiceCheck;

/// <summary>The outcome of calibrating one placement method: targets with service columns, and simulated service.</summary>
/// <param name="Method">The placement method (e.g. network-gsm, single-echelon).</param>
/// <param name="Targets">Targets in sku-node order; service_level is the input target, achieved and calibrated filled in.</param>
/// <param name="Nodes">Simulated service per sku-node, same order.</param>
/// <param name="Rounds">The largest number of optimize-simulate rounds any sku needed.</param>
/// <param name="Unmet">Customer-facing nodes still below target minus tolerance after the last round (bound or round limit reached).</param>
public sealed record CalibratedTargets(string Method, IReadOnlyList<TargetRow> Targets, IReadOnlyList<NodeService> Nodes, int Rounds, int Unmet)
{
    /// <summary>
    /// Skus calibrated with the placement's <see cref="Placement.IStockPlacement.Fallback"/> (their first placement left
    /// nodes below target): those whose targets carry the lateness they cover (<see cref="TargetRow.CoveredLeadTimeSd"/>).
    /// </summary>
    public int FallbackSkus => Targets.Where(t => t.CoveredLeadTimeSd is not null).Select(t => t.Sku).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Total safety stock, units.</summary>
    public double SafetyStock => Targets.Sum(t => t.SafetyStock);

    /// <summary>Total annual holding cost of the safety stock.</summary>
    public double HoldingCost => Targets.Sum(t => t.HoldingCost);

    /// <summary>Mean simulated cycle service over customer-facing nodes (0 when none).</summary>
    public double CustomerService => Nodes.Where(n => n.CustomerFacing).Select(n => n.AchievedService).DefaultIfEmpty(0).Average();

    /// <summary>Mean cycle service target over customer-facing nodes (0 when none).</summary>
    public double CustomerTarget => Nodes.Where(n => n.CustomerFacing).Select(n => n.TargetServiceLevel).DefaultIfEmpty(0).Average();

    /// <summary>The largest standard error of a customer-facing node's simulated service.</summary>
    public double MaxStandardError => Nodes.Where(n => n.CustomerFacing).Select(n => n.StandardError).DefaultIfEmpty(0).Max();

    /// <summary>Number of customer-facing nodes (the nodes calibrated).</summary>
    public int CustomerFacingCount => Nodes.Count(n => n.CustomerFacing);

    /// <summary>Smallest simulated service minus target over customer-facing nodes (0 when none): the spread's low end.</summary>
    public double MinServiceGap => Nodes.Where(n => n.CustomerFacing).Select(n => n.AchievedService - n.TargetServiceLevel).DefaultIfEmpty(0).Min();

    /// <summary>Largest simulated service minus target over customer-facing nodes (0 when none): the spread's high end.</summary>
    public double MaxServiceGap => Nodes.Where(n => n.CustomerFacing).Select(n => n.AchievedService - n.TargetServiceLevel).DefaultIfEmpty(0).Max();

    /// <summary>Customer-facing nodes whose calibrated level is above their target (level raised).</summary>
    public int Raised => Nodes.Count(n => n.CustomerFacing && n.CalibratedServiceLevel > n.TargetServiceLevel);

    /// <summary>Customer-facing nodes whose calibrated level is below their target (level lowered: least holding cost).</summary>
    public int Lowered => Nodes.Count(n => n.CustomerFacing && n.CalibratedServiceLevel < n.TargetServiceLevel);

    /// <summary>Expedited units per period, summed over nodes.</summary>
    public double ExpeditedUnitsPerPeriod => Nodes.Sum(n => n.ExpeditedUnitsPerPeriod);
}
