using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Explainability.Shapley;

namespace MeioForecast.Explainability.Attribution;

/// <summary>
/// Attributes the change of a node's buffer between two sets of inputs over the seven <see cref="BufferDriver"/>s with
/// exact Shapley values (Shapley 1953, see <see cref="ExactShapley"/>). The game: v(C) = the node's buffer when the
/// inputs in coalition C are at their new values and the others at their baseline values, as the caller's value
/// function places it (in the run: the sku's network re-placed and re-calibrated, so the optimizer's response and the
/// calibration are inside v, not players). v(empty) is the baseline buffer, v(all) the new one. Cost: 2^7 = 128 values
/// per node (the caller caches them per sku) plus O(n 2^n) = 896 terms per measure. Efficiency is checked: the values
/// must add up to the change to 1e-9 relative.
/// </summary>
public static class BufferAttribution
{
    /// <summary>Relative tolerance of the efficiency (additivity) check.</summary>
    public const double RelativeTolerance = 1e-9;

    /// <summary>
    /// Absolute floor of the efficiency check, in the measure's units (units or currency a year): a node whose buffer is
    /// 0 in both runs can still get contributions of rounding noise (a sum of 2.8e-14 was seen), which no relative
    /// tolerance of a zero scale admits.
    /// </summary>
    public const double AbsoluteTolerance = 1e-9;

    /// <summary>
    /// Explains the buffer of <paramref name="key"/> from <paramref name="worth"/>, the buffer of every coalition bit mask
    /// (bit <c>(int)driver</c> set = that driver's input at its new value).
    /// </summary>
    public static NodeExplanation Explain(SkuNode key, ExplanationBaseline baseline, Func<int, BufferLevels> worth)
    {
        ArgumentNullException.ThrowIfNull(worth);
        var players = BufferDriverNames.All.Count;
        var levels = new BufferLevels[1 << players];
        for (var mask = 0; mask < levels.Length; mask++)
        {
            levels[mask] = worth(mask);
        }

        var safety = Checked(key, BufferMeasure.SafetyStock, ExactShapley.Compute(players, mask => levels[mask].SafetyStock));
        var baseStock = Checked(key, BufferMeasure.BaseStock, ExactShapley.Compute(players, mask => levels[mask].BaseStock));
        var cost = Checked(key, BufferMeasure.HoldingCost, ExactShapley.Compute(players, mask => levels[mask].HoldingCost));
        return new NodeExplanation(key, baseline, safety, baseStock, cost);
    }

    /// <summary>
    /// True when the values of <paramref name="result"/> add up to its change within <see cref="RelativeTolerance"/>
    /// of the largest magnitude involved (baseline, total, or the sum of absolute values) plus <see cref="AbsoluteTolerance"/>.
    /// </summary>
    public static bool IsAdditive(ShapleyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var scale = Math.Max(Math.Max(Math.Abs(result.Baseline), Math.Abs(result.Total)), result.Values.Sum(Math.Abs));
        return Math.Abs(result.Residual) <= (RelativeTolerance * scale) + AbsoluteTolerance;
    }

    private static ShapleyResult Checked(SkuNode key, BufferMeasure measure, ShapleyResult result) =>
        IsAdditive(result)
            ? result
            : throw new AdditivityException($"{key}: the {measure} contributions add up to {result.Values.Sum():R}, not to the change {result.Change:R}.");
}
