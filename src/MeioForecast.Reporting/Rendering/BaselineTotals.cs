namespace MeioForecast.Reporting.Rendering;

/// <summary>Totals over the sku-nodes explained against one baseline: before (previous) and now (current).</summary>
internal sealed record BaselineTotals(int SkuNodes, double PreviousSafetyStock, double SafetyStock, double PreviousHoldingCost, double HoldingCost);
