namespace MeioForecast.Explainability.Drivers;

/// <summary>
/// The driver values of one sku-node in one run: everything its buffer depends on. Persisted with each run
/// (node_drivers.csv) so that the next run can value any mix of old and new drivers.
/// </summary>
/// <param name="Mean">Mean demand per period over the horizon, units (driver <see cref="BufferDriver.DemandLevel"/>).</param>
/// <param name="Variance">Variance of demand per period, units^2 (driver <see cref="BufferDriver.DemandUncertainty"/>).</param>
/// <param name="LeadTimeMean">Stage time: processing time plus the longest inbound lane's mean lead time, periods.</param>
/// <param name="LeadTimeSd">Standard deviation of that lane's lead time, periods.</param>
/// <param name="ServiceLevel">Cycle service target in (0, 1).</param>
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
    /// The drivers with those in <paramref name="coalition"/> (bit <c>(int)driver</c> set) taken from
    /// <paramref name="current"/> and the others from <paramref name="previous"/>.
    /// </summary>
    public static NodeDrivers Mix(NodeDrivers previous, NodeDrivers current, int coalition)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        NodeDrivers Pick(BufferDriver driver) => (coalition & (1 << (int)driver)) != 0 ? current : previous;
        var moved = Pick(BufferDriver.Repositioning);
        return new NodeDrivers(
            Pick(BufferDriver.DemandLevel).Mean,
            Pick(BufferDriver.DemandUncertainty).Variance,
            Pick(BufferDriver.LeadTimeMean).LeadTimeMean,
            Pick(BufferDriver.LeadTimeVariability).LeadTimeSd,
            Pick(BufferDriver.ServiceLevel).ServiceLevel,
            Pick(BufferDriver.HoldingCost).UnitHoldingCost,
            moved.OutboundServiceTime,
            moved.InboundServiceTime);
    }

    /// <summary>The same node placed as a single echelon: every driver kept, S = SI = 0 (it buffers its whole stage time).</summary>
    public NodeDrivers SingleEchelon() => this with { OutboundServiceTime = 0, InboundServiceTime = 0 };
}
