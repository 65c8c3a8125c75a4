namespace MeioForecast.Reporting.Rendering;

/// <summary>Achieved (simulated) vs target cycle service over the customer-facing sku-nodes of targets.csv.</summary>
internal sealed record ServiceTotals(int SkuNodes, double MeanAchieved, double MeanTarget, int BelowTarget, double WorstGap, double Tolerance);
