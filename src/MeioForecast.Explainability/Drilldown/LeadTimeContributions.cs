namespace MeioForecast.Explainability.Drilldown;

/// <summary>
/// Aggregates per-period contributions of a forecast (TreeSHAP values, Lundberg, Erion &amp; Lee 2018, "Consistent
/// individualized feature attribution for tree ensembles", arXiv:1802.03888; Lundberg et al. 2020, Nature Machine
/// Intelligence 2:56-67) over the lead-time demand the way the placement's demand bound counts it: the bound takes the
/// demand over L real periods starting in a period drawn uniformly from the horizon of H periods (cyclically;
/// SingleEchelonPlacement.HorizonLeadTimeDemandMoments), so its expected lead-time demand is (L / H) times the sum over
/// the horizon, and every period gets the weight L / H. Since the groups of a period add up to that period's quantity
/// (local accuracy), the aggregated groups add up to the lead-time quantity. Cost O(H x groups).
/// </summary>
public static class LeadTimeContributions
{
    /// <summary>
    /// Aggregates <paramref name="periods"/> (per forecast period, one value per group of <paramref name="groups"/>)
    /// over <paramref name="coveredPeriods"/> real periods; <paramref name="dates"/> are the periods' start dates.
    /// Returns the groups largest absolute first (ties by name).
    /// </summary>
    public static IReadOnlyList<GroupContribution> Aggregate(IReadOnlyList<string> groups, IReadOnlyList<IReadOnlyList<double>> periods, IReadOnlyList<DateOnly> dates, double coveredPeriods)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(dates);
        if (periods.Count == 0 || dates.Count != periods.Count || periods.Any(p => p.Count != groups.Count))
        {
            throw new ArgumentException($"Every period needs {groups.Count} group values and a date.", nameof(periods));
        }

        if (!double.IsFinite(coveredPeriods) || coveredPeriods < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(coveredPeriods), coveredPeriods, "Covered periods must be finite and non-negative.");
        }

        var weight = coveredPeriods / periods.Count;
        var result = new List<GroupContribution>(groups.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            double sum = 0;
            var peak = 0;
            for (var t = 0; t < periods.Count; t++)
            {
                sum += periods[t][g];
                if (Math.Abs(periods[t][g]) > Math.Abs(periods[peak][g]))
                {
                    peak = t;
                }
            }

            var dated = groups[g] is not (ForecastFeatureGroups.ModelBase or ForecastFeatureGroups.OtherModels);
            result.Add(new GroupContribution(groups[g], weight * sum, dated ? dates[peak] : null));
        }

        return result
            .OrderByDescending(g => Math.Abs(g.Contribution))
            .ThenBy(g => g.Group, StringComparer.Ordinal)
            .ToList();
    }
}
