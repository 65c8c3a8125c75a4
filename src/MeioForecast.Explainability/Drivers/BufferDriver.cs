namespace MeioForecast.Explainability.Drivers;

/// <summary>
/// The drivers of a node's buffer, the players of the attribution game. The numeric value is the player index (bit in a
/// coalition mask), so the order is part of the output contract (explanations.csv lists drivers in this order).
/// </summary>
public enum BufferDriver
{
    /// <summary>Mean demand per period over the horizon (the node's own forecast plus the demand it supplies).</summary>
    DemandLevel = 0,

    /// <summary>Variance of demand per period: the spread of the forecast distribution.</summary>
    DemandUncertainty = 1,

    /// <summary>Mean replenishment time of the stage: processing time plus the longest inbound lane's mean lead time.</summary>
    LeadTimeMean = 2,

    /// <summary>Standard deviation of that lane's lead time.</summary>
    LeadTimeVariability = 3,

    /// <summary>Cycle service target.</summary>
    ServiceLevel = 4,

    /// <summary>Annual holding cost of one unit (unit cost x holding-cost rate).</summary>
    HoldingCost = 5,

    /// <summary>The optimizer's service times S (outbound) and SI (inbound): where in the network the buffer sits.</summary>
    Repositioning = 6,
}
