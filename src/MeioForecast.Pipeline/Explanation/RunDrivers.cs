using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Drilldown;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Pipeline.Explanation.Inputs;

namespace MeioForecast.Pipeline.Explanation;

/// <summary>The driver values a complete run recorded (its node_drivers.csv).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Drivers">Driver values by sku-node.</param>
/// <param name="ExplainedAgainst">The run its explanations compared with (manifest setting <c>explained_against</c>), or null when it explained against single-echelon placement.</param>
public sealed record RunDrivers(string RunId, IReadOnlyDictionary<SkuNode, NodeDrivers> Drivers, string? ExplainedAgainst)
{
    /// <summary>Its forecast_contributions.csv (the basis of the next run's drill-down); null for a run written before it existed.</summary>
    public IReadOnlyDictionary<SkuNode, NodeForecastContributions>? ForecastContributions { get; init; }

    /// <summary>Its explanation_inputs.json (the inputs the next run mixes with its own); null for a run written before it existed.</summary>
    public RunInputs? Inputs { get; init; }

    /// <summary>The run as the previous side of an explanation; null without its inputs.</summary>
    public ExplainedRun? AsPrevious() => Inputs is null ? null : new ExplainedRun(Inputs, [], Drivers, new Dictionary<SkuNode, TargetRow>());
}
