namespace MeioForecast.Reporting.Model;

/// <summary>The service check of metrics.json: the run's placement and, when compared, single-echelon (MEIO vs SEIO).</summary>
/// <param name="Placement">The run's placement.</param>
/// <param name="SingleEchelon">Single-echelon targets calibrated the same way; null when not compared.</param>
/// <param name="SafetyStockSaving">1 - MEIO / SEIO safety stock; null when not compared.</param>
/// <param name="HoldingCostSaving">1 - MEIO / SEIO holding cost; null when not compared.</param>
public sealed record ServiceComparison(ServiceFigures Placement, ServiceFigures? SingleEchelon, double? SafetyStockSaving, double? HoldingCostSaving)
{
    /// <summary>The service check's tolerance (fraction): a node is below target when its simulated service is below target minus this.</summary>
    public double Tolerance { get; init; }
}
