using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Explainability.Shapley;

namespace MeioForecast.Explainability.Attribution;

/// <summary>
/// Attributes the change of a node's buffer between two driver sets over the seven <see cref="BufferDriver"/>s with exact
/// Shapley values (Shapley 1953, see <see cref="ExactShapley"/>). The game: v(C) = the buffer valued by the run's own
/// <see cref="IBufferModel"/> with the drivers in coalition C at their new values and the others at their previous
/// values; v(empty) is the previous buffer, v(all) the new one. Cost: 2^7 = 128 evaluations of the model per node plus
/// O(n 2^n) = 896 terms per measure. Efficiency is checked: the values must add up to the change to 1e-9 relative.
/// <para>
/// Holding cost and safety stock: the demand bound does not depend on the unit holding cost, so in the safety-stock and
/// base-stock games the holding-cost driver is a null player (exactly zero); a cost change moves units only through the
/// optimizer's choice of service times, which is the repositioning driver. In the holding-cost game
/// (v = safety stock x unit holding cost, currency per year) the holding-cost driver is a real player.
/// </para>
/// </summary>
public static class BufferAttribution
{
    /// <summary>Relative tolerance of the efficiency (additivity) check.</summary>
    public const double RelativeTolerance = 1e-9;

    /// <summary>Explains <paramref name="current"/> against <paramref name="previous"/> for <paramref name="key"/>.</summary>
    public static NodeExplanation Explain(SkuNode key, ExplanationBaseline baseline, NodeDrivers previous, NodeDrivers current, IBufferModel model)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(model);
        var players = BufferDriverNames.All.Count;
        var levels = new BufferLevels[1 << players];
        for (var mask = 0; mask < levels.Length; mask++)
        {
            levels[mask] = model.Evaluate(NodeDrivers.Mix(previous, current, mask));
        }

        var safety = Checked(key, BufferMeasure.SafetyStock, ExactShapley.Compute(players, mask => levels[mask].SafetyStock));
        var baseStock = Checked(key, BufferMeasure.BaseStock, ExactShapley.Compute(players, mask => levels[mask].BaseStock));
        var cost = Checked(key, BufferMeasure.HoldingCost, ExactShapley.Compute(players, mask => levels[mask].HoldingCost));
        return new NodeExplanation(key, baseline, safety, baseStock, cost);
    }

    /// <summary>
    /// True when the values of <paramref name="result"/> add up to its change within <see cref="RelativeTolerance"/>
    /// of the largest magnitude involved (baseline, total, or the sum of absolute values).
    /// </summary>
    public static bool IsAdditive(ShapleyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var scale = Math.Max(Math.Max(Math.Abs(result.Baseline), Math.Abs(result.Total)), result.Values.Sum(Math.Abs));
        return Math.Abs(result.Residual) <= RelativeTolerance * scale;
    }

    private static ShapleyResult Checked(SkuNode key, BufferMeasure measure, ShapleyResult result) =>
        IsAdditive(result)
            ? result
            : throw new AdditivityException($"{key}: the {measure} contributions add up to {result.Values.Sum():R}, not to the change {result.Change:R}.");
}
