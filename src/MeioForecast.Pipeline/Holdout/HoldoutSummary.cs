namespace MeioForecast.Pipeline.Holdout;

/// <summary>The held-out check over several origins (<c>meio holdout --origins K --step S</c>): per origin and on average.</summary>
/// <param name="Origins">One entry per origin, oldest first.</param>
public sealed record HoldoutSummary(IReadOnlyList<OriginHoldout> Origins)
{
    /// <summary>Mean over origins of |achieved - target| cycle service.</summary>
    public double MeanAbsoluteGap => Origins.Select(o => Math.Abs(o.Gap)).DefaultIfEmpty(0).Average();

    /// <summary>The largest |achieved - target| over origins.</summary>
    public double MaxAbsoluteGap => Origins.Select(o => Math.Abs(o.Gap)).DefaultIfEmpty(0).Max();

    /// <summary>The largest |predicted - achieved| over origins (0 when the service check was off).</summary>
    public double MaxPredictionError => Origins.Select(o => o.Policy.AverageSimulated is { } s ? Math.Abs(s - o.Policy.AverageAchieved) : 0.0).DefaultIfEmpty(0).Max();

    /// <summary>The lines printed by <c>meio holdout</c>: one per origin, then the means.</summary>
    public IReadOnlyList<string> SummaryLines()
    {
        var lines = Origins.Select(o => o.Line()).ToList();
        if (Origins.Count == 0)
        {
            return lines;
        }

        var achieved = Origins.Average(o => o.Policy.AverageAchieved);
        var target = Origins.Average(o => o.Policy.AverageTarget);
        var fill = Origins.Average(o => o.Policy.FillRate);
        var bias = Origins.Average(o => o.MeanDemandBias);
        var predicted = Origins.All(o => o.Policy.AverageSimulated is not null) ? FormattableString.Invariant($"{Origins.Average(o => o.Policy.AverageSimulated!.Value):P2}") : "-";
        lines.Add(FormattableString.Invariant(
            $"mean of {Origins.Count} origins: achieved {achieved:P2} vs target {target:P2}, predicted {predicted}, fill {fill:P2}; |achieved - target| mean {MeanAbsoluteGap * 100:F2} pp, max {MaxAbsoluteGap * 100:F2} pp; |predicted - achieved| max {MaxPredictionError * 100:F2} pp; planned/actual mean demand {bias:+0.0%;-0.0%}"));
        if (Origins.All(o => o.SingleEchelon is not null && o.SingleEchelonSafetyStock > 0))
        {
            var meio = Origins.Average(o => o.SafetyStock);
            var seio = Origins.Average(o => o.SingleEchelonSafetyStock!.Value);
            var meioCost = Origins.Average(o => o.HoldingCost);
            var seioCost = Origins.Average(o => o.SingleEchelonHoldingCost ?? 0.0);
            lines.Add(FormattableString.Invariant(
                $"MEIO vs SEIO on actual demand: achieved {achieved:P2} vs {Origins.Average(o => o.SingleEchelon!.AverageAchieved):P2}, fill {fill:P2} vs {Origins.Average(o => o.SingleEchelon!.FillRate):P2}, safety stock {meio:F0} vs {seio:F0} units ({1 - (meio / seio):P1} less), holding cost {meioCost:F0} vs {seioCost:F0}/year ({1 - (meioCost / seioCost):P1} less)"));
        }

        return lines;
    }
}
