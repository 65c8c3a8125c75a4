namespace MeioForecast.Explainability.Drivers;

/// <summary>
/// The drivers of a node's buffer, the players of the attribution game: inputs a planner controls or observes, never the
/// optimizer's response (service times) or the service check's calibration, which are evaluated inside every coalition.
/// The numeric value is the player index (bit in a coalition mask), so the order is part of the output contract
/// (explanations.csv lists drivers in this order).
/// </summary>
public enum BufferDriver
{
    /// <summary>The forecast's level: the median of every series' forecast per period (of the sku's nodes with demand).</summary>
    DemandLevel = 0,

    /// <summary>The forecast's uncertainty: every quantile's distance from the median, per series and period.</summary>
    DemandUncertainty = 1,

    /// <summary>Mean lead time of the sku's lanes and the nodes' processing times.</summary>
    LeadTimeMean = 2,

    /// <summary>Lead-time variability of the sku's lanes: standard deviation (and empirical distribution, if given).</summary>
    LeadTimeVariability = 3,

    /// <summary>The nodes' cycle service targets.</summary>
    ServiceLevel = 4,

    /// <summary>The nodes' unit cost and holding-cost rate.</summary>
    HoldingCost = 5,

    /// <summary>
    /// The network: which nodes stock the sku, which lanes connect them, their quantity per unit and maximum service
    /// times. Against single-echelon placement (a first run) the whole difference is this driver's.
    /// </summary>
    Network = 6,
}
