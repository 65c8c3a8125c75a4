namespace MeioForecast.Simulation.Engine;

/// <summary>Per stage and replication sums over the measured periods; blocks write disjoint replications, so no locking.</summary>
internal sealed class ReplicationTotals
{
    public ReplicationTotals(int stages, int replications)
    {
        NoStockoutPeriods = Make<int>(stages, replications);
        ExpediteEvents = Make<int>(stages, replications);
        Due = Make<double>(stages, replications);
        Filled = Make<double>(stages, replications);
        OnHand = Make<double>(stages, replications);
        Backorders = Make<double>(stages, replications);
        ExpeditedUnits = Make<double>(stages, replications);
        Demand = Make<double>(stages, replications);
    }

    public int[][] NoStockoutPeriods { get; }

    public int[][] ExpediteEvents { get; }

    public double[][] Due { get; }

    public double[][] Filled { get; }

    public double[][] OnHand { get; }

    public double[][] Backorders { get; }

    public double[][] ExpeditedUnits { get; }

    public double[][] Demand { get; }

    public void Add(int j, int r, bool stockout, double due, double filled, double onHand, double backorders, double expedited, double demand)
    {
        if (!stockout)
        {
            NoStockoutPeriods[j][r]++;
        }

        if (expedited > 1e-9 * (1.0 + due))
        {
            ExpediteEvents[j][r]++;
        }

        Due[j][r] += due;
        Filled[j][r] += filled;
        OnHand[j][r] += onHand;
        Backorders[j][r] += backorders;
        ExpeditedUnits[j][r] += expedited;
        Demand[j][r] += demand;
    }

    private static T[][] Make<T>(int stages, int replications)
    {
        var result = new T[stages][];
        for (var j = 0; j < stages; j++)
        {
            result[j] = new T[replications];
        }

        return result;
    }
}
