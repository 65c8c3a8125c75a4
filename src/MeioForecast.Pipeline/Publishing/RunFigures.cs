using System.Globalization;

namespace MeioForecast.Pipeline.Publishing;

/// <summary>The few figures a planner reads first, printed when a run ends (the report holds the rest).</summary>
/// <param name="SkuNodes">Sku-nodes planned.</param>
/// <param name="SafetyStock">Total safety stock of the published targets, units.</param>
/// <param name="HoldingCost">Its annual holding cost.</param>
/// <param name="CustomerService">Mean simulated cycle service of the customer-facing nodes; null without the service check.</param>
/// <param name="CustomerTarget">Their mean service target; null without the service check.</param>
/// <param name="SafetyStockSaving">Safety stock saved against single-echelon targets calibrated the same way; null when not compared.</param>
public sealed record RunFigures(int SkuNodes, double SafetyStock, double HoldingCost, double? CustomerService, double? CustomerTarget, double? SafetyStockSaving)
{
    /// <summary>The figures of <paramref name="result"/>.</summary>
    public static RunFigures Of(PlanningResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var service = result.Service;
        return new RunFigures(
            result.Targets.Count,
            result.Targets.Sum(t => t.SafetyStock),
            result.Targets.Sum(t => t.HoldingCost),
            service?.Primary.CustomerService,
            service?.Primary.CustomerTarget,
            service?.SafetyStockSaving);
    }

    /// <summary>One line: e.g. "290 sku-nodes: safety stock 15,141 units (holding cost 17,841/year); simulated customer service 96.31% vs target 96.48%; 33.5% less safety stock than single-echelon".</summary>
    public override string ToString()
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{SkuNodes} sku-nodes: safety stock {SafetyStock:N0} units (holding cost {HoldingCost:N0}/year)");
        if (CustomerService is { } achieved && CustomerTarget is { } target)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"; simulated customer service {achieved * 100:F2}% vs target {target * 100:F2}%");
        }

        if (SafetyStockSaving is { } saving)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"; {saving * 100:F1}% less safety stock than single-echelon at equal simulated service");
        }

        return line;
    }
}
