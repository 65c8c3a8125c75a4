using MeioForecast.Core.Keys;

namespace MeioForecast.Core.Network;

/// <summary>The planning parameters of one sku-node (file sku_nodes.csv).</summary>
/// <param name="Key">Sku and location.</param>
/// <param name="UnitCost">Cumulative value of one unit at this node, currency units.</param>
/// <param name="HoldingCostRate">Annual holding cost as a fraction of unit cost (e.g. 0.25).</param>
/// <param name="ServiceLevel">Cycle service target in (0, 1): the probability of covering demand over the net replenishment time.</param>
/// <param name="MaxServiceTime">Maximum outbound service time promised to customers, periods (customer-facing nodes; null = none, i.e. 0 for stores).</param>
/// <param name="ProcessingTime">Time to process/produce at this node before goods can move on, periods.</param>
public sealed record SkuNodeParameters(
    SkuNode Key,
    double UnitCost,
    double HoldingCostRate,
    double ServiceLevel,
    int? MaxServiceTime,
    double ProcessingTime)
{
    /// <summary>Holding cost of one unit for one year, currency units.</summary>
    public double AnnualHoldingCostPerUnit => UnitCost * HoldingCostRate;
}
