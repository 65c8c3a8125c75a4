namespace MeioForecast.Explainability.Drivers;

/// <summary>
/// The buffer state of one sku-node in one run: its demand moments and stage as the placement saw them, its service
/// level (the calibrated one when the service check ran) and the service times the placement chose. Persisted with each
/// run (node_drivers.csv): the next run values this run's buffer from it exactly, and the first-run composition
/// (<see cref="Attribution.BufferComposition"/>) values the buffer without uncertainty.
/// </summary>
/// <param name="Mean">Mean demand per period over the horizon, units (own forecast plus the demand it supplies).</param>
/// <param name="Variance">Variance of demand per period, units^2.</param>
/// <param name="LeadTimeMean">Stage time: processing time plus the longest inbound lane's mean lead time, periods.</param>
/// <param name="LeadTimeSd">The lead-time sd the buffer covers, periods: that lane's, or with the placement's lateness fallback its own plus what a supplier holding nothing passes on (0 when it passes its own on).</param>
/// <param name="ServiceLevel">The service level the placement used in (0, 1) (the calibrated one when calibrated).</param>
/// <param name="UnitHoldingCost">Annual holding cost of one unit, currency units per unit and year.</param>
/// <param name="OutboundServiceTime">S_j, the service time the node quotes, periods.</param>
/// <param name="InboundServiceTime">SI_j, the service time it receives, periods.</param>
public sealed record NodeDrivers(
    IReadOnlyList<double> Mean,
    IReadOnlyList<double> Variance,
    double LeadTimeMean,
    double LeadTimeSd,
    double ServiceLevel,
    double UnitHoldingCost,
    double OutboundServiceTime,
    double InboundServiceTime)
{
    /// <summary>
    /// True when the buffer covers its lead-time sd also at a net replenishment time of 0 (the placement's lateness
    /// fallback); false: the classical bound, which holds nothing there.
    /// </summary>
    public bool CoversLateness { get; init; }

    /// <summary>The same node placed as a single echelon: every driver kept, S = SI = 0 (it buffers its whole stage time).</summary>
    public NodeDrivers SingleEchelon() => this with { OutboundServiceTime = 0, InboundServiceTime = 0 };
}
