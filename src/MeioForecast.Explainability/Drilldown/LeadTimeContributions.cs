namespace MeioForecast.Explainability.Drilldown;

/// <summary>
/// Aggregates per-period TreeSHAP contributions of a forecast model (Lundberg, Erion &amp; Lee 2018, "Consistent
/// individualized feature attribution for tree ensembles", arXiv:1802.03888; Lundberg et al. 2020, Nature Machine
/// Intelligence 2:56-67) over the periods that make up the lead-time demand, by feature group. Period t gets the weight the
/// demand bound gives it: 1 for t &lt; floor(L), L - floor(L) for the last, fractional period, where L is the number of
/// real periods the node covers; periods past the forecast repeat the last one (as in the demand bound). Since the
/// contributions of a row add up to its prediction (local accuracy), base value + sum of group contributions equals the
/// weighted sum of the predictions. Cost O(ceil(L) x features).
/// </summary>
public static class LeadTimeContributions
{
    /// <summary>
    /// Aggregates <paramref name="periodContributions"/> (per forecast period: one value per feature of
    /// <paramref name="featureNames"/>, then the model's expected value, as GbdtModel.Contributions returns them) over
    /// <paramref name="coveredPeriods"/> real periods.
    /// </summary>
    public static LeadTimeDrilldown Aggregate(IReadOnlyList<IReadOnlyList<double>> periodContributions, IReadOnlyList<string> featureNames, double coveredPeriods)
    {
        ArgumentNullException.ThrowIfNull(periodContributions);
        ArgumentNullException.ThrowIfNull(featureNames);
        if (periodContributions.Count == 0 || periodContributions.Any(p => p.Count != featureNames.Count + 1))
        {
            throw new ArgumentException($"Every period needs {featureNames.Count} feature contributions plus the expected value.", nameof(periodContributions));
        }

        if (!double.IsFinite(coveredPeriods) || coveredPeriods < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(coveredPeriods), coveredPeriods, "Covered periods must be finite and non-negative.");
        }

        var groups = featureNames.Select(ForecastFeatureGroups.Of).ToArray();
        var sums = new Dictionary<string, (double Sum, int Peak, double PeakValue)>(StringComparer.Ordinal);
        double baseValue = 0;
        var whole = (int)Math.Floor(coveredPeriods);
        for (var t = 0; t <= whole; t++)
        {
            var weight = t < whole ? 1.0 : coveredPeriods - whole;
            if (weight <= 0)
            {
                break;
            }

            var phi = periodContributions[Math.Min(t, periodContributions.Count - 1)];
            baseValue += weight * phi[^1];
            var perGroup = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var f = 0; f < groups.Length; f++)
            {
                perGroup[groups[f]] = perGroup.GetValueOrDefault(groups[f]) + (weight * phi[f]);
            }

            foreach (var (group, value) in perGroup)
            {
                var (sum, peak, peakValue) = sums.GetValueOrDefault(group, (0.0, -1, 0.0));
                sums[group] = peak < 0 || Math.Abs(value) > Math.Abs(peakValue) ? (sum + value, t, value) : (sum + value, peak, peakValue);
            }
        }

        var result = sums
            .Select(kv => new GroupContribution(kv.Key, kv.Value.Sum, kv.Value.Peak, kv.Value.PeakValue))
            .OrderByDescending(g => Math.Abs(g.Contribution))
            .ThenBy(g => g.Group, StringComparer.Ordinal)
            .ToList();
        return new LeadTimeDrilldown(baseValue, result);
    }
}
