namespace MeioForecast.Explainability.Drivers;

/// <summary>The buffer of a node valued at some driver values.</summary>
/// <param name="SafetyStock">Safety stock, units.</param>
/// <param name="BaseStock">Base stock (order-up-to level), units.</param>
/// <param name="HoldingCost">Annual holding cost of the safety stock, currency units per year.</param>
public readonly record struct BufferLevels(double SafetyStock, double BaseStock, double HoldingCost);
