using System.Globalization;
using MeioForecast.Explainability.Attribution;
using MeioForecast.Explainability.Drivers;

namespace MeioForecast.Explainability.Drilldown;

/// <summary>
/// Drills the safety-stock contributions of the two demand drivers down to the forecast's feature groups. Driver
/// <c>demand_level</c> is drilled down by the <see cref="NodeForecastContributions.Level"/> measure (lead-time sum of the
/// forecast medians), <c>demand_uncertainty</c> by <see cref="NodeForecastContributions.Spread"/> (lead-time sum of the
/// top minus bottom quantile). With C the driver's Shapley contribution and Delta_g = group g's value in this run minus
/// the previous run's (groups include <c>model base</c> and <c>other models</c>, so sum_g Delta_g = Delta F, the change
/// of the measure), detail g gets C x Delta_g / Delta F: a proportional (chain-rule) split, so the details add up to C
/// exactly; checked to 1e-9 relative like the drivers. The whole of C goes to <c>not attributed</c> when there is no
/// previous or current measure, or when the measure barely moved (|Delta F| below <see cref="MinNetShare"/> of
/// sum_g |Delta_g|: offsetting group changes would give shares far larger than C). Drivers with C = 0 get no rows.
/// </summary>
public static class DemandDetails
{
    /// <summary>Smallest |Delta F| / sum |Delta_g| for which a driver is split over groups. Default 0.01.</summary>
    public const double MinNetShare = 0.01;

    /// <summary>The details of <paramref name="explanation"/>'s demand drivers (safety stock), largest first per driver.</summary>
    public static IReadOnlyList<ExplanationDetail> Attribute(NodeExplanation explanation, NodeForecastContributions? current, NodeForecastContributions? previous)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var details = new List<ExplanationDetail>();
        foreach (var driver in new[] { BufferDriver.DemandLevel, BufferDriver.DemandUncertainty })
        {
            var c = explanation.Contribution(BufferMeasure.SafetyStock, driver);
            if (c == 0)
            {
                continue;
            }

            var rows = Split(driver, c, Measure(current, driver), Measure(previous, driver));
            var sum = rows.Sum(r => r.Contribution);
            if (Math.Abs(sum - c) > (BufferAttribution.RelativeTolerance * Math.Max(Math.Abs(c), rows.Sum(r => Math.Abs(r.Contribution)))) + BufferAttribution.AbsoluteTolerance)
            {
                throw new AdditivityException($"{explanation.Key}: the {BufferDriverNames.Code(driver)} details add up to {sum:R}, not to the driver's contribution {c:R}.");
            }

            details.AddRange(rows);
        }

        return details;
    }

    /// <summary>The detail label of a group: event groups name the ISO week of their peak, e.g. <c>promotion week 2026-W48</c>.</summary>
    public static string Label(string group, DateOnly? peak)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (!ForecastFeatureGroups.IsEvent(group) || peak is null)
        {
            return group;
        }

        var day = peak.Value.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{group} week {ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");
    }

    private static IReadOnlyList<GroupContribution>? Measure(NodeForecastContributions? contributions, BufferDriver driver) =>
        contributions is null ? null : driver == BufferDriver.DemandLevel ? contributions.Level : contributions.Spread;

    private static List<ExplanationDetail> Split(BufferDriver driver, double c, IReadOnlyList<GroupContribution>? current, IReadOnlyList<GroupContribution>? previous)
    {
        List<ExplanationDetail> NotAttributed() => [new(driver, ForecastFeatureGroups.NotAttributed, c)];
        if (current is null || previous is null)
        {
            return NotAttributed();
        }

        var now = current.ToDictionary(g => g.Group, StringComparer.Ordinal);
        var before = previous.ToDictionary(g => g.Group, StringComparer.Ordinal);
        var groups = now.Keys.Union(before.Keys).Order(StringComparer.Ordinal).ToArray();
        var delta = groups.Select(g => (now.TryGetValue(g, out var a) ? a.Contribution : 0.0) - (before.TryGetValue(g, out var b) ? b.Contribution : 0.0)).ToArray();
        var net = delta.Sum();
        var gross = delta.Sum(Math.Abs);
        if (gross == 0 || Math.Abs(net) < MinNetShare * gross)
        {
            return NotAttributed();
        }

        var ratio = c / net;
        var rows = new List<ExplanationDetail>();
        for (var i = 0; i < groups.Length; i++)
        {
            if (delta[i] != 0)
            {
                var peak = now.TryGetValue(groups[i], out var a) && a.Contribution != 0 ? a.PeakDate : before.GetValueOrDefault(groups[i])?.PeakDate;
                rows.Add(new ExplanationDetail(driver, Label(groups[i], peak), ratio * delta[i]));
            }
        }

        return rows.OrderByDescending(r => Math.Abs(r.Contribution)).ThenBy(r => r.Detail, StringComparer.Ordinal).ToList();
    }
}
