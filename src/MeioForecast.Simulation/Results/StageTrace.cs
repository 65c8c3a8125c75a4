namespace MeioForecast.Simulation.Results;

/// <summary>The per-period trajectory of one stage in replication 0, measured periods only (index = measured period).</summary>
public sealed record StageTrace
{
    /// <summary>The stage id.</summary>
    public required string StageId { get; init; }

    /// <summary>Demand seen in the period (customer demand plus downstream orders times phi).</summary>
    public required IReadOnlyList<double> Demand { get; init; }

    /// <summary>Units received (replenishments arriving) in the period.</summary>
    public required IReadOnlyList<double> Received { get; init; }

    /// <summary>On-hand at the end of the period (negative in expedite mode = expedited units still owed).</summary>
    public required IReadOnlyList<double> OnHand { get; init; }

    /// <summary>Past-due claims (backorders) at the end of the period.</summary>
    public required IReadOnlyList<double> Backorders { get; init; }

    /// <summary>Units expedited in the period.</summary>
    public required IReadOnlyList<double> Expedited { get; init; }
}
