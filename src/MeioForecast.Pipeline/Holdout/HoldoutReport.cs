namespace MeioForecast.Pipeline.Holdout;

/// <summary>The held-out check of a policy: per sku-node achieved vs target service on actual demand, and averages.</summary>
/// <param name="Origin">The forecast origin (last history date used for the targets).</param>
/// <param name="Periods">N, the held-out periods replayed after the origin.</param>
/// <param name="Shortfall">The shortfall mode of the replay (<c>backorder</c> or <c>expedite</c>).</param>
/// <param name="Nodes">One entry per sku-node with history at the origin and customer demand, in sku-node order.</param>
public sealed record HoldoutReport(DateOnly Origin, int Periods, string Shortfall, IReadOnlyList<HoldoutNode> Nodes)
{
    /// <summary>Mean target over the nodes (0 when none).</summary>
    public double AverageTarget => Nodes.Select(n => n.TargetServiceLevel).DefaultIfEmpty(0).Average();

    /// <summary>Mean achieved cycle service on actual demand over the nodes (0 when none).</summary>
    public double AverageAchieved => Nodes.Select(n => n.AchievedService).DefaultIfEmpty(0).Average();

    /// <summary>Mean simulated (predicted) service over the nodes that have one; null when none has.</summary>
    public double? AverageSimulated => Nodes.Any(n => n.SimulatedService is not null) ? Nodes.Where(n => n.SimulatedService is not null).Average(n => n.SimulatedService!.Value) : null;

    /// <summary>Demand-weighted fill rate on actual demand (1 when there was no demand).</summary>
    public double FillRate
    {
        get
        {
            var demand = Nodes.Sum(n => n.ActualMeanDemand);
            return demand > 0 ? Nodes.Sum(n => n.FillRate * n.ActualMeanDemand) / demand : 1.0;
        }
    }

    /// <summary>
    /// Binomial standard error of <see cref="AverageAchieved"/> from the finite held-out sample, sqrt(mean a(1-a) / (nodes x N)),
    /// treating node-periods as independent (a lower bound when periods are autocorrelated).
    /// </summary>
    public double AverageStandardError => Nodes.Count == 0 ? 0 : Math.Sqrt(Nodes.Average(n => n.AchievedService * (1 - n.AchievedService)) / (Nodes.Count * (double)Periods));

    /// <summary>Nodes whose achieved service is below target by more than <paramref name="margin"/>.</summary>
    public int Below(double margin) => Nodes.Count(n => n.AchievedService < n.TargetServiceLevel - margin);

    /// <summary>The summary lines printed by <c>meio holdout</c>.</summary>
    public IReadOnlyList<string> SummaryLines()
    {
        var simulated = AverageSimulated is { } s ? FormattableString.Invariant($", predicted by simulation {s:P2}") : string.Empty;
        return
        [
            FormattableString.Invariant(
                $"held-out check, origin {Origin:yyyy-MM-dd}, {Periods} periods of actual demand ({Shortfall} mode), {Nodes.Count} sku-nodes: achieved cycle service {AverageAchieved:P2} (s.e. {AverageStandardError * 100:F2} pp) vs target {AverageTarget:P2}{simulated}; fill rate {FillRate:P2}"),
            FormattableString.Invariant(
                $"nodes below target: {Below(0.0)} (by more than 5 pp: {Below(0.05)}, 10 pp: {Below(0.10)}); actual vs planned mean demand {Nodes.Sum(n => n.ActualMeanDemand):F1} vs {Nodes.Sum(n => n.PlannedMeanDemand):F1} units/period"),
        ];
    }
}
