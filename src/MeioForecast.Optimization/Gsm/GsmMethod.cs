namespace MeioForecast.Optimization.Gsm;

/// <summary>The algorithm that produced a <see cref="GsmSolution"/>.</summary>
public enum GsmMethod
{
    /// <summary>The exact spanning-tree dynamic program of Graves &amp; Willems (2000).</summary>
    TreeDynamicProgram,

    /// <summary>Branch and bound over a Lagrangian spanning-tree relaxation (general acyclic networks).</summary>
    BranchAndBound,

    /// <summary>A given set of service times, evaluated (no optimization).</summary>
    Evaluation,
}
