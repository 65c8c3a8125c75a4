using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Pipeline.Explanation.Inputs;

namespace MeioForecast.Pipeline.Explanation;

/// <summary>One side of an explanation: a run's inputs, its published buffers and their states.</summary>
/// <param name="Inputs">The run's placement inputs per sku (explanation_inputs.json).</param>
/// <param name="Targets">Its targets, in sku-node order (for a previous run: only its drivers are read).</param>
/// <param name="Drivers">Its buffer states (node_drivers.csv): value the published buffer exactly, and the placement's response.</param>
/// <param name="SingleEchelon">Its single-echelon targets by sku-node (calibrated like the run's; metrics.json's single-echelon total), the first-run baseline.</param>
public sealed record ExplainedRun(
    RunInputs Inputs,
    IReadOnlyList<TargetRow> Targets,
    IReadOnlyDictionary<SkuNode, NodeDrivers> Drivers,
    IReadOnlyDictionary<SkuNode, TargetRow> SingleEchelon)
{
    /// <summary>The run of <paramref name="result"/>.</summary>
    public static ExplainedRun Of(PlanningResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ExplainedRun(result.Inputs ?? throw new InvalidOperationException("The planning run recorded no inputs."), result.Targets, result.Drivers, result.SingleEchelon);
    }
}
