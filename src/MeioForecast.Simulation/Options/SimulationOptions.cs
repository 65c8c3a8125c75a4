namespace MeioForecast.Simulation.Options;

/// <summary>Options of the <see cref="Engine.NetworkSimulator"/>.</summary>
public sealed record SimulationOptions
{
    /// <summary>R, the number of independent replications. Default 1000; &gt;= 2 (the error bars need two).</summary>
    public int Replications { get; init; } = 1000;

    /// <summary>P, the measured periods per replication (after the warm-up). Default 365; &gt;= 1. Unit: periods.</summary>
    public int Periods { get; init; } = 365;

    /// <summary>
    /// Warm-up periods simulated before measuring, or null (default) for automatic: twice the longest cumulative
    /// replenishment path (sum over a path of SI_j + T_j + max L_j + S_j), at least 20. Constraint: &gt;= 0.
    /// </summary>
    public int? WarmUpPeriods { get; init; }

    /// <summary>Root seed; replication r draws from its own xoshiro256** stream keyed by (seed, r). Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>What an internal shortfall does; default <see cref="ShortfallPolicy.Expedite"/> (the GSM assumption).</summary>
    public ShortfallPolicy Shortfall { get; init; } = ShortfallPolicy.Expedite;

    /// <summary>
    /// Seed of the replayed errors' block positions and member shifts (<see cref="Network.ReplayPaths"/>), drawn from
    /// their own stream keyed by (BlockSeed, r) instead of replication r's stream: networks simulated with the same
    /// BlockSeed, the same backtest origins and block length replay the same backtest dates in replication r, so a shock
    /// the backtest saw at a date in several networks (skus) is replayed in all of them together. Null (default): the
    /// replication's own stream (each network's dates independent of the others').
    /// </summary>
    public ulong? BlockSeed { get; init; }

    /// <summary>Threads used; -1 (default) = all cores. Results do not depend on it. Constraint: -1 or &gt;= 1.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Negative sampled demand (e.g. a normal's left tail) is set to 0 when true (default); kept as returns when false.</summary>
    public bool ClampNegativeDemand { get; init; } = true;

    /// <summary>Record the per-period trace of replication 0 (demand, on-hand, backorders, expedited). Default false.</summary>
    public bool RecordTrace { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option violates its documented constraint.</exception>
    public void Validate()
    {
        if (Replications < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Replications), Replications, "At least 2 replications are needed.");
        }

        if (Periods < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Periods), Periods, "At least 1 measured period is needed.");
        }

        if (WarmUpPeriods is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(WarmUpPeriods), WarmUpPeriods, "Warm-up periods must be >= 0.");
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use -1 (all cores) or >= 1.");
        }

        if (!Enum.IsDefined(Shortfall))
        {
            throw new ArgumentOutOfRangeException(nameof(Shortfall), Shortfall, "Unknown shortfall policy.");
        }
    }
}
