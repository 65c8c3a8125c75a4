using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Pipeline.ServiceCheck;

namespace MeioForecast.Pipeline.Explanation.Inputs;

/// <summary>
/// The value function of the explanation game: places one sku's network from given inputs exactly as the run does
/// (same <see cref="IStockPlacement"/>, same demand bound, and, when the run calibrated, the same
/// <see cref="ServiceCalibrator"/> with the same seed: the sku draws the same random numbers in every coalition, common
/// random numbers) and returns its targets. Placing a run's own inputs gives the run's targets to the bit.
/// </summary>
/// <param name="placement">The run's placement.</param>
/// <param name="calibrator">The run's service check; null when it did not calibrate.</param>
/// <param name="bound">The run's demand bound.</param>
public sealed class SkuReplanner(IStockPlacement placement, ServiceCalibrator? calibrator, DemandBoundKind bound)
{
    /// <summary>The targets of the sku of <paramref name="inputs"/>, in node order.</summary>
    public IReadOnlyList<TargetRow> Place(PlanningSettings settings, IReadOnlyDictionary<string, Location> locations, SkuInputs inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(inputs);
        var input = new PlanningInput(settings, locations, inputs.Lanes, inputs.Nodes, [], SignalTable.Empty);
        var plan = NetworkPlan.Build(input);
        var demand = NodeDemand.Build(plan, inputs.Forecasts, bound);
        if (calibrator is not null)
        {
            return calibrator.Calibrate(plan, demand, inputs.Forecasts, placement, cancellationToken).Targets;
        }

        var rows = plan.Skus.SelectMany(n => placement.PlaceSku(n, demand)).ToList();
        rows.Sort((a, b) => new SkuNode(a.Sku, a.Location).CompareTo(new SkuNode(b.Sku, b.Location)));
        return rows;
    }
}
