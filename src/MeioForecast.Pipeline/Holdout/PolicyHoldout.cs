using MeioForecast.Core.Demand;
using MeioForecast.Core.Planning;

namespace MeioForecast.Pipeline.Holdout;

/// <summary>
/// The held-out check of the whole policy (issue 10): cut the input's demand history at a past origin, plan with it
/// (forecast, place, calibrate: the <see cref="PlanningRun"/> of a normal run), then replay the actual demand of the N
/// periods after the origin against those targets (<see cref="HoldoutReplay"/>) and compare achieved with target service
/// per sku-node and on average. Signals are kept whole: known-in-advance ones (price, promotions) are what a planner
/// knows at the origin; observed ones (weather) after the origin are visible to the forecaster, a small optimism.
/// </summary>
public sealed class PolicyHoldout(PlanningRun run)
{
    /// <summary>Plans <paramref name="input"/> cut at <see cref="HoldoutOptions.Origin"/> and replays what followed.</summary>
    public (PlanningResult Plan, HoldoutReport Report) Run(PlanningInput input, HoldoutOptions options, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var plan = run.Execute(AtOrigin(input, options.Origin), progress, cancellationToken);
        return (plan, HoldoutReplay.Replay(input, plan.Targets, options, cancellationToken));
    }

    /// <summary>
    /// Runs the check at each of <paramref name="origins"/> (<see cref="HoldoutOptions.Origin"/> is replaced), replaying
    /// the run's targets and, when the service check compared them, the single-echelon targets on the same demand, and
    /// simulating the window band of the run's targets (<see cref="HoldoutWindowBand"/>).
    /// </summary>
    public HoldoutSummary RunOrigins(PlanningInput input, HoldoutOptions options, IReadOnlyList<DateOnly> origins, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(origins);
        var results = new List<OriginHoldout>(origins.Count);
        foreach (var origin in origins.Order())
        {
            var at = options with { Origin = origin };
            var (plan, report) = Run(input, at, progress, cancellationToken);
            var single = plan.Service?.SingleEchelon;
            results.Add(new OriginHoldout(
                report,
                single is null ? null : HoldoutReplay.Replay(input, single.Targets, at, cancellationToken),
                plan.Targets.Sum(t => t.SafetyStock),
                single?.SafetyStock)
            {
                Band = HoldoutWindowBand.Simulate(input, plan, report, at, cancellationToken),
                SharedDatesBand = at.BandSharedDates ? HoldoutWindowBand.SimulateSharedDates(input, plan, report, at, cancellationToken) : null,
                HoldingCost = plan.Targets.Sum(t => t.HoldingCost),
                SingleEchelonHoldingCost = single?.HoldingCost,
            });
        }

        return new HoldoutSummary(results);
    }

    /// <summary><paramref name="input"/> with every demand series cut after <paramref name="origin"/> (series starting later dropped).</summary>
    public static PlanningInput AtOrigin(PlanningInput input, DateOnly origin)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cut = input.Demand
            .Where(d => d.Start <= origin)
            .Select(d => new DemandSeries(d.Key, d.Period, d.Start, d.Quantities.Take(Math.Min(d.Length, d.Period.Between(d.Start, origin) + 1)).ToArray()))
            .ToArray();
        return input with { Demand = cut };
    }
}
