using MeioForecast.Core.Keys;
using MeioForecast.Pipeline;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Pipeline.Explanation.Inputs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MeioForecast.Worker.Commands;

/// <summary>
/// Recomputes a run's explanations from its files (node_drivers.csv, explanation_inputs.csv) for <c>meio explain</c> and
/// <c>meio report --previous</c>: the value function places and calibrates with the placement and service-check
/// settings of the command's configuration (the same <c>--ServiceCheck:*</c>/<c>--Placement:*</c> the run used give the
/// run's own explanations). Against single-echelon placement, the baseline is each node's buffer at S = SI = 0 valued
/// from its drivers.
/// </summary>
internal static class ExplanationReplay
{
    /// <summary>The explanations of <paramref name="current"/> against <paramref name="previous"/> (null: single-echelon).</summary>
    public static InputAttributionResult Explain(RunDrivers current, RunDrivers? previous, IConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var inputs = current.Inputs ?? throw new InvalidDataException($"Run '{current.RunId}' has no explanation_inputs.csv: it was written before explanations by inputs existed.");
        if (previous is not null && previous.Inputs is null)
        {
            throw new InvalidDataException($"Run '{previous.RunId}' has no explanation_inputs.csv: it was written before explanations by inputs existed.");
        }

        var (services, _) = CliHost.BuildPlanningServices(configuration);
        using var disposeServices = services;
        var model = PlacementBufferModel.Instance;
        var targets = current.Drivers.Select(kv => Row(kv.Key, model.Evaluate(kv.Value), kv.Value.ServiceLevel)).ToList();
        var single = current.Drivers.ToDictionary(kv => kv.Key, kv => Row(kv.Key, model.Evaluate(kv.Value.SingleEchelon()), kv.Value.ServiceLevel));
        var run = new ExplainedRun(inputs, targets, current.Drivers, single);
        return InputAttribution.Explain(run, previous?.AsPrevious(), services.GetRequiredService<PlanningRun>().Replanner, cancellationToken);
    }

    private static TargetRow Row(SkuNode key, Explainability.Drivers.BufferLevels levels, double serviceLevel) =>
        new(key.Sku, key.Location, serviceLevel, 0, 0, 0, 0, levels.SafetyStock, levels.BaseStock, levels.HoldingCost);
}
