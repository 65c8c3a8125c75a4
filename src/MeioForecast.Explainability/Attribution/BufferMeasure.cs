namespace MeioForecast.Explainability.Attribution;

/// <summary>Which buffer quantity a Shapley decomposition explains.</summary>
public enum BufferMeasure
{
    /// <summary>Safety stock, units.</summary>
    SafetyStock = 0,

    /// <summary>Base stock (order-up-to level), units.</summary>
    BaseStock = 1,

    /// <summary>Annual holding cost of the safety stock, currency units per year.</summary>
    HoldingCost = 2,
}
