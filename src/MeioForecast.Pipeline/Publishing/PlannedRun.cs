using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drilldown;

namespace MeioForecast.Pipeline.Publishing;

/// <summary>A planned run, ready to be written and published by an <see cref="IRunSink"/>.</summary>
/// <param name="Scope">The run (or shard).</param>
/// <param name="Started">When the job started (UTC).</param>
/// <param name="Fingerprint">The input's fingerprint.</param>
/// <param name="SoftwareVersion">The software version.</param>
/// <param name="Settings">The manifest settings (period, horizon, forecaster, placement, ...).</param>
/// <param name="Input">The input planned (the report draws its network and history).</param>
/// <param name="Result">The plan.</param>
public sealed record PlannedRun(
    RunScope Scope,
    DateTimeOffset Started,
    string Fingerprint,
    string SoftwareVersion,
    IReadOnlyDictionary<string, string> Settings,
    PlanningInput Input,
    PlanningResult Result)
{
    /// <summary>Each buffer's change explained against the previous run (or single-echelon placement).</summary>
    public required IReadOnlyList<NodeExplanation> Explanations { get; init; }

    /// <summary>The drill-down of the demand drivers into forecast features.</summary>
    public required IReadOnlyDictionary<SkuNode, IReadOnlyList<ExplanationDetail>> Details { get; init; }

    /// <summary>What the buffers explained against single-echelon placement are made of (buffer_composition.csv).</summary>
    public IReadOnlyList<NodeExplanation> Composition { get; init; } = [];
}
