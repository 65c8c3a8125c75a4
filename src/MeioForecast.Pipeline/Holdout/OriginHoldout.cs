namespace MeioForecast.Pipeline.Holdout;

/// <summary>The held-out check at one origin: the run's (MEIO) targets and, when compared, single-echelon targets calibrated the same way, both replayed on the same actual demand.</summary>
/// <param name="Policy">The run's placement replayed.</param>
/// <param name="SingleEchelon">Single-echelon targets replayed; null when the run did not compare.</param>
/// <param name="SafetyStock">Total safety stock of the run's targets, units.</param>
/// <param name="SingleEchelonSafetyStock">Total safety stock of the single-echelon targets; null when not compared.</param>
public sealed record OriginHoldout(HoldoutReport Policy, HoldoutReport? SingleEchelon, double SafetyStock, double? SingleEchelonSafetyStock)
{
    /// <summary>Annual holding cost of the run's targets (the sum of their <see cref="TargetRow.HoldingCost"/>, as the run's metrics report it), every node of the network.</summary>
    public double HoldingCost { get; init; }

    /// <summary>Annual holding cost of the single-echelon targets (<see cref="ServiceCheck.CalibratedTargets.HoldingCost"/>); null when not compared.</summary>
    public double? SingleEchelonHoldingCost { get; init; }

    /// <summary>Achieved minus target cycle service (averages over nodes), MEIO.</summary>
    public double Gap => Policy.AverageAchieved - Policy.AverageTarget;

    /// <summary>Planned over actual mean demand, minus 1 (summed over nodes).</summary>
    public double MeanDemandBias
    {
        get
        {
            var actual = Policy.Nodes.Sum(n => n.ActualMeanDemand);
            return actual > 0 ? (Policy.Nodes.Sum(n => n.PlannedMeanDemand) / actual) - 1.0 : 0.0;
        }
    }

    /// <summary>The predictive band of this window's achieved service under the run's demand model; null when not simulated.</summary>
    public WindowServiceBand? Band { get; init; }

    /// <summary>The band with every sku replaying the same backtest dates (<see cref="HoldoutOptions.BandSharedDates"/>); null when not simulated.</summary>
    public WindowServiceBand? SharedDatesBand { get; init; }

    /// <summary>The line printed for this origin.</summary>
    public string Line()
    {
        var p = Policy;
        var predicted = p.AverageSimulated is { } s ? FormattableString.Invariant($"{s:P2}") : "-";
        var single = SingleEchelon is { } e
            ? FormattableString.Invariant($"; SEIO achieved {e.AverageAchieved:P2}, fill {e.FillRate:P2}, safety stock {SafetyStock:F0} vs {SingleEchelonSafetyStock:F0} ({1 - (SafetyStock / SingleEchelonSafetyStock):P1} less), holding cost {HoldingCost:F0} vs {SingleEchelonHoldingCost:F0}/year ({1 - (HoldingCost / SingleEchelonHoldingCost):P1} less)")
            : FormattableString.Invariant($"; safety stock {SafetyStock:F0}, holding cost {HoldingCost:F0}/year");
        return FormattableString.Invariant(
            $"origin {p.Origin:yyyy-MM-dd}: achieved {p.AverageAchieved:P2} vs target {p.AverageTarget:P2} ({Gap * 100:+0.00;-0.00} pp), predicted {predicted}, fill {p.FillRate:P2}, planned/actual mean demand {MeanDemandBias:+0.0%;-0.0%}{single}");
    }
}
