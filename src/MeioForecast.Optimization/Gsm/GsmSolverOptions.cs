namespace MeioForecast.Optimization.Gsm;

/// <summary>Options of <see cref="GsmOptimizer"/> for general acyclic networks (spanning trees are always solved exactly).</summary>
public sealed record GsmSolverOptions
{
    /// <summary>Relative gap at which branch and bound stops. Default 1e-9. Range [0, 1).</summary>
    public double RelativeGapTolerance { get; init; } = 1e-9;

    /// <summary>Most branch-and-bound nodes explored before returning the incumbent with its gap. Default 100,000. Range &gt;= 1.</summary>
    public int MaxNodes { get; init; } = 100_000;

    /// <summary>Subgradient iterations for the Lagrangian multipliers at the root. Default 600. Range &gt;= 0.</summary>
    public int LagrangianIterations { get; init; } = 600;

    /// <summary>Subgradient iterations re-optimising the multipliers at each branch-and-bound node. Default 8. Range &gt;= 0.</summary>
    public int NodeLagrangianIterations { get; init; } = 8;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (!(RelativeGapTolerance >= 0.0 && RelativeGapTolerance < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(RelativeGapTolerance), RelativeGapTolerance, "Must be in [0, 1).");
        }

        if (MaxNodes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxNodes), MaxNodes, "Must be at least 1.");
        }

        if (LagrangianIterations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LagrangianIterations), LagrangianIterations, "Must be >= 0.");
        }

        if (NodeLagrangianIterations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(NodeLagrangianIterations), NodeLagrangianIterations, "Must be >= 0.");
        }
    }
}
