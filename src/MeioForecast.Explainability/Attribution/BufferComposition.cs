using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Drivers;

namespace MeioForecast.Explainability.Attribution;

/// <summary>
/// What a node's buffer is made of: its safety stock decomposed against a zero-uncertainty baseline (forecast spread 0
/// and lead-time sd 0, where the safety stock is 0) over the two uncertainty inputs, with exact Shapley values at the
/// run's own placement (service times and calibrated service level fixed). With a = the safety stock with demand
/// uncertainty only, b = with lead-time variability only and c = with both: demand uncertainty gets (c + a - b) / 2,
/// lead-time variability (c + b - a) / 2, adding up to c. Shown with a first run, where the change against
/// single-echelon placement is all network, so that a first report already says where each buffer comes from.
/// </summary>
public static class BufferComposition
{
    /// <summary>The composition of <paramref name="drivers"/> valued by <paramref name="model"/>, baseline <see cref="ExplanationBaseline.ZeroUncertainty"/>.</summary>
    public static NodeExplanation Explain(SkuNode key, NodeDrivers drivers, IBufferModel model)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        ArgumentNullException.ThrowIfNull(model);
        var certain = drivers with { Variance = new double[drivers.Variance.Count], LeadTimeSd = 0 };
        var levels = new BufferLevels[4];
        for (var mask = 0; mask < 4; mask++)
        {
            levels[mask] = model.Evaluate(certain with
            {
                Variance = (mask & 1) != 0 ? drivers.Variance : certain.Variance,
                LeadTimeSd = (mask & 2) != 0 ? drivers.LeadTimeSd : 0,
            });
        }

        // Without uncertainty the safety stock is 0 by definition; the bound's between-window variance term
        // (mean of squares minus square of the mean) leaves a cancellation residue of about 1e-12 under the root.
        levels[0] = new BufferLevels(0, levels[0].BaseStock - levels[0].SafetyStock, 0);
        return BufferAttribution.Explain(key, ExplanationBaseline.ZeroUncertainty, mask =>
            levels[((mask >> (int)BufferDriver.DemandUncertainty) & 1) | (((mask >> (int)BufferDriver.LeadTimeVariability) & 1) << 1)]);
    }
}
