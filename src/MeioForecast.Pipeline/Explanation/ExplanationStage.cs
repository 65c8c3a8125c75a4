using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drilldown;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Pipeline.Explanation.Inputs;

namespace MeioForecast.Pipeline.Explanation;

/// <summary>
/// The explanation stage, after placement: every sku-node's buffer is explained against the previous complete run's
/// (when that run has the sku's inputs) or else against single-echelon placement, with exact Shapley values over the
/// input drivers (<see cref="InputAttribution"/>). Checks at run time that the buffer states reproduce the run's targets
/// and that every decomposition adds up (1e-9 relative).
/// </summary>
public static class ExplanationStage
{
    /// <summary>
    /// Explains <paramref name="current"/> against <paramref name="previous"/> (null for a first run) with
    /// <see cref="InputAttribution"/>; first checks that the buffer states reproduce the targets.
    /// </summary>
    public static InputAttributionResult Explain(ExplainedRun current, ExplainedRun? previous, SkuReplanner replanner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var model = PlacementBufferModel.Instance;
        foreach (var target in current.Targets)
        {
            var key = new SkuNode(target.Sku, target.Location);
            if (current.Drivers.TryGetValue(key, out var drivers))
            {
                var levels = model.Evaluate(drivers);
                Reproduces(key, "safety stock", levels.SafetyStock, target.SafetyStock);
                Reproduces(key, "base stock", levels.BaseStock, target.BaseStock);
            }
        }

        return InputAttribution.Explain(current, previous, replanner, cancellationToken);
    }

    /// <summary>
    /// The drill-down of the demand drivers of every explanation (<see cref="DemandDetails"/>, additivity checked):
    /// against <paramref name="previous"/> contributions for nodes explained against the previous run; a node explained
    /// against single-echelon placement has demand drivers of 0 and no details.
    /// </summary>
    public static IReadOnlyDictionary<SkuNode, IReadOnlyList<ExplanationDetail>> Details(
        IReadOnlyList<NodeExplanation> explanations,
        IReadOnlyDictionary<SkuNode, NodeForecastContributions> current,
        IReadOnlyDictionary<SkuNode, NodeForecastContributions>? previous)
    {
        ArgumentNullException.ThrowIfNull(explanations);
        ArgumentNullException.ThrowIfNull(current);
        var result = new SortedDictionary<SkuNode, IReadOnlyList<ExplanationDetail>>();
        foreach (var e in explanations)
        {
            var details = DemandDetails.Attribute(e, current.GetValueOrDefault(e.Key), previous?.GetValueOrDefault(e.Key));
            if (details.Count > 0)
            {
                result[e.Key] = details;
            }
        }

        return result;
    }

    private static void Reproduces(SkuNode key, string what, double value, double published)
    {
        if (Math.Abs(value - published) > BufferAttribution.RelativeTolerance * Math.Max(1.0, Math.Abs(published)))
        {
            throw new InvalidOperationException($"{key}: the explanation's value function gives {what} {value:R}, the placement published {published:R}.");
        }
    }
}
