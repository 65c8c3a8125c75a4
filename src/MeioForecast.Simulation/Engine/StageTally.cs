using System.Runtime.CompilerServices;

namespace MeioForecast.Simulation.Engine;

/// <summary>Sums over the measured periods of one stage in one replication.</summary>
internal struct StageTally
{
    public int NoStockoutPeriods;
    public int ExpediteEvents;
    public double Due;
    public double Filled;
    public double OnHand;
    public double Backorders;
    public double ExpeditedUnits;
    public double Demand;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(bool stockout, double due, double filled, double onHand, double backorders, double expedited, double demand)
    {
        NoStockoutPeriods += stockout ? 0 : 1;
        ExpediteEvents += expedited > 1e-9 * (1.0 + due) ? 1 : 0;
        Due += due;
        Filled += filled;
        OnHand += onHand;
        Backorders += backorders;
        ExpeditedUnits += expedited;
        Demand += demand;
    }
}
