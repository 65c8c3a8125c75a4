using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Explainability.Shapley;

namespace MeioForecast.Explainability.Attribution;

/// <summary>
/// The explanation of one sku-node: for each measure (safety stock, base stock, holding cost) the exact Shapley value of
/// every driver (<see cref="BufferDriver"/> order), which add up to the measure's change from the baseline.
/// </summary>
/// <param name="Key">The sku-node.</param>
/// <param name="Baseline">What the buffer is compared with.</param>
/// <param name="SafetyStock">Decomposition of the safety stock, units.</param>
/// <param name="BaseStock">Decomposition of the base stock, units.</param>
/// <param name="HoldingCost">Decomposition of the annual holding cost, currency units per year.</param>
public sealed record NodeExplanation(
    SkuNode Key,
    ExplanationBaseline Baseline,
    ShapleyResult SafetyStock,
    ShapleyResult BaseStock,
    ShapleyResult HoldingCost)
{
    /// <summary>The decomposition of <paramref name="measure"/>.</summary>
    public ShapleyResult Of(BufferMeasure measure) => measure switch
    {
        BufferMeasure.SafetyStock => SafetyStock,
        BufferMeasure.BaseStock => BaseStock,
        BufferMeasure.HoldingCost => HoldingCost,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown measure."),
    };

    /// <summary>
    /// What changed in each driver's inputs for the node's sku, in words (e.g. <c>holding cost +60% at DC-EAST</c>); only
    /// drivers whose inputs changed have an entry.
    /// </summary>
    public IReadOnlyDictionary<BufferDriver, string> InputChanges { get; init; } = new Dictionary<BufferDriver, string>();

    /// <summary>
    /// How the placement responded at this node, in words (e.g. <c>the optimizer moved the buffer downstream: S 0 -> 3</c>);
    /// null when its service times and calibrated level did not move.
    /// </summary>
    public string? Mechanism { get; init; }

    /// <summary>
    /// What the safety stock is made of against a zero-uncertainty baseline (<see cref="BufferComposition"/>), for nodes
    /// explained against single-echelon placement; null otherwise.
    /// </summary>
    public Shapley.ShapleyResult? MadeOf { get; init; }

    /// <summary>The contribution of <paramref name="driver"/> to the change of <paramref name="measure"/>.</summary>
    public double Contribution(BufferMeasure measure, BufferDriver driver) => Of(measure).Values[(int)driver];
}
