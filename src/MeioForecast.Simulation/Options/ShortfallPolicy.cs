namespace MeioForecast.Simulation.Options;

/// <summary>What happens when a stage cannot ship an internal (downstream stage's) order in full at its due time.</summary>
public enum ShortfallPolicy
{
    /// <summary>
    /// The Guaranteed Service Model's assumption made explicit (Graves &amp; Willems 2000, section 2): the shortfall is
    /// delivered on time by an extraordinary measure (expediting, overtime, a spot buy), so the downstream stage is never
    /// starved. The stage's on-hand goes negative by the expedited units (it owes them and repays from its next receipts,
    /// so its inventory position stays at B_j); each event and unit is counted.
    /// </summary>
    Expedite,

    /// <summary>
    /// No extraordinary measure: the shortfall is backordered at the upstream stage and shipped late (oldest claims
    /// first), delaying the downstream stage's replenishment (the classical Clark-Scarf serial dynamics).
    /// </summary>
    Backorder,
}
