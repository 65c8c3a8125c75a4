using MeioForecast.Explainability.Attribution;

namespace MeioForecast.Pipeline.Explanation;

/// <summary>The explanations of a run and what they cost.</summary>
/// <param name="Explanations">Every sku-node's explanation, ranked (<see cref="ExplanationSentence.Rank"/>).</param>
/// <param name="Composition">What the buffers of nodes explained against single-echelon placement are made of (<see cref="BufferComposition"/>).</param>
/// <param name="Placements">Sku placements (with calibration) valued for coalitions between the two runs' endpoints.</param>
/// <param name="Elapsed">Wall time of the attribution.</param>
public sealed record InputAttributionResult(IReadOnlyList<NodeExplanation> Explanations, IReadOnlyList<NodeExplanation> Composition, int Placements, TimeSpan Elapsed);
