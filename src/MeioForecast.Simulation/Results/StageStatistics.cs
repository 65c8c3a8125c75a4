namespace MeioForecast.Simulation.Results;

/// <summary>
/// Simulated performance of one stage over the measured periods, averaged over replications. Standard errors are
/// computed across the independent replications (sample sd / sqrt(R)), so the autocorrelation between consecutive periods
/// of one replication does not understate them.
/// </summary>
public sealed record StageStatistics
{
    /// <summary>The stage id.</summary>
    public required string StageId { get; init; }

    /// <summary>Cycle service level: fraction of periods in which every claim due (backlog plus the period's due demand) was shipped from stock.</summary>
    public required double CycleServiceLevel { get; init; }

    /// <summary>Standard error of <see cref="CycleServiceLevel"/> across replications.</summary>
    public required double CycleServiceLevelStandardError { get; init; }

    /// <summary>Fill rate: fraction of the demand units due in a period that were shipped from stock at their due time.</summary>
    public required double FillRate { get; init; }

    /// <summary>Standard error of <see cref="FillRate"/> across replications.</summary>
    public required double FillRateStandardError { get; init; }

    /// <summary>Average on-hand inventory at the end of a period, units.</summary>
    public required double AverageOnHand { get; init; }

    /// <summary>Standard error of <see cref="AverageOnHand"/> across replications.</summary>
    public required double AverageOnHandStandardError { get; init; }

    /// <summary>Average past-due claims (customer and downstream backorders) at the end of a period, units.</summary>
    public required double AverageBackorders { get; init; }

    /// <summary>Standard error of <see cref="AverageBackorders"/> across replications.</summary>
    public required double AverageBackordersStandardError { get; init; }

    /// <summary>Average demand per period seen by the stage (customer demand plus downstream orders times phi), units.</summary>
    public required double AverageDemand { get; init; }

    /// <summary>Fraction of periods in which the stage expedited (the GSM's extraordinary measure); 0 in backorder mode.</summary>
    public required double ExpediteFrequency { get; init; }

    /// <summary>Expedited units per period, on average.</summary>
    public required double ExpeditedUnitsPerPeriod { get; init; }

    /// <summary>Expedite events summed over all replications and measured periods.</summary>
    public required long ExpediteEvents { get; init; }

    /// <summary>Expedited units summed over all replications and measured periods.</summary>
    public required double ExpeditedUnits { get; init; }

    /// <summary>The cycle service level of each replication (index = replication).</summary>
    public required IReadOnlyList<double> ReplicationCycleServiceLevels { get; init; }
}
