using System.Globalization;
using MeioForecast.Explainability.Drilldown;
using MeioForecast.Explainability.Drivers;

namespace MeioForecast.Explainability.Attribution;

/// <summary>
/// The planner sentence of a node's safety-stock explanation, e.g. "Safety stock at DC-EAST for SKU SKU-006 fell 882
/// units (-40%): holding cost -882 (holding cost +60% at DC-EAST), so the optimizer moved the buffer downstream: S 0 -> 3"
/// (the largest contributions first, at most <see cref="MaxDrivers"/>, drivers that round to zero left out; the largest
/// names what changed in its input, and the placement's response follows), and the ranking of nodes by the size of the move.
/// </summary>
public static class ExplanationSentence
{
    /// <summary>The largest number of drivers named in a sentence.</summary>
    public const int MaxDrivers = 3;

    /// <summary>
    /// The sentence for <paramref name="explanation"/>'s safety stock; a driver with <paramref name="details"/> names its
    /// largest one, e.g. "demand uncertainty +28 (promotion week 2026-W48)".
    /// </summary>
    public static string Format(NodeExplanation explanation, IReadOnlyList<ExplanationDetail>? details = null)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var result = explanation.SafetyStock;
        var change = result.Change;
        var head = $"Safety stock at {explanation.Key.Location} for SKU {explanation.Key.Sku}";
        var percent = result.Baseline != 0 ? $" ({Signed(100 * change / Math.Abs(result.Baseline))}%)" : string.Empty;
        string verb;
        if (explanation.Baseline == ExplanationBaseline.PreviousRun)
        {
            verb = Round(change) == 0
                ? $" is unchanged at {Unsigned(result.Total)} units"
                : $" {(change > 0 ? "rose" : "fell")} {Unsigned(Math.Abs(change))} units{percent}";
        }
        else if (explanation.Baseline == ExplanationBaseline.ZeroUncertainty)
        {
            verb = $" is {Unsigned(result.Total)} units, made of";
        }
        else
        {
            verb = Round(change) == 0
                ? $" is {Unsigned(result.Total)} units, as under single-echelon placement"
                : $" is {Unsigned(result.Total)} units, {Unsigned(Math.Abs(change))} {(change > 0 ? "above" : "below")} single-echelon placement{percent}";
        }

        var drivers = BufferDriverNames.All
            .Select(d => (Driver: d, Value: result.Values[(int)d]))
            .Where(x => Round(x.Value) != 0)
            .OrderByDescending(x => Math.Abs(x.Value))
            .ThenBy(x => x.Driver)
            .Take(MaxDrivers)
            .Select((x, i) => $"{BufferDriverNames.Words(x.Driver)} {Signed(x.Value)}{Cause(explanation, details, x.Driver, i == 0)}")
            .ToList();
        var list = string.Join(", ", drivers);
        var mechanism = drivers.Count > 0 && explanation.Mechanism is { } m ? ", so " + m : string.Empty;
        var sentence = list.Length == 0 ? head + verb : head + verb + ": " + list + mechanism;
        if (explanation.MadeOf is { } madeOf)
        {
            var parts = BufferDriverNames.All.Where(d => Round(madeOf.Values[(int)d]) != 0).OrderByDescending(d => Math.Abs(madeOf.Values[(int)d])).ThenBy(d => d)
                .Select(d => $"{BufferDriverNames.Words(d)} {Unsigned(madeOf.Values[(int)d])}").ToList();
            sentence += parts.Count > 0 ? "; made of " + string.Join(", ", parts) : string.Empty;
        }

        return sentence;
    }

    /// <summary>
    /// <paramref name="explanations"/> ranked so the largest moves come first: by absolute safety-stock change, then by
    /// absolute holding-cost change, then by sku-node (deterministic).
    /// </summary>
    public static IReadOnlyList<NodeExplanation> Rank(IEnumerable<NodeExplanation> explanations)
    {
        ArgumentNullException.ThrowIfNull(explanations);
        return explanations
            .OrderByDescending(e => Math.Abs(e.SafetyStock.Change))
            .ThenByDescending(e => Math.Abs(e.HoldingCost.Change))
            .ThenBy(e => e.Key)
            .ToList();
    }

    /// <summary>The largest driver names its input change (and, for demand drivers, its largest detail); others their detail only.</summary>
    private static string Cause(NodeExplanation explanation, IReadOnlyList<ExplanationDetail>? details, BufferDriver driver, bool largest)
    {
        var detail = TopDetail(details, driver);
        if (!largest || !explanation.InputChanges.TryGetValue(driver, out var change))
        {
            return detail.Length == 0 ? string.Empty : $" ({detail})";
        }

        return detail.Length == 0 ? $" ({change})" : $" ({change}; {detail})";
    }

    private static string TopDetail(IReadOnlyList<ExplanationDetail>? details, BufferDriver driver)
    {
        var top = details?
            .Where(d => d.Driver == driver && d.Detail != ForecastFeatureGroups.NotAttributed)
            .OrderByDescending(d => Math.Abs(d.Contribution))
            .ThenBy(d => d.Detail, StringComparer.Ordinal)
            .FirstOrDefault();
        return top is null || Round(top.Contribution) == 0 ? string.Empty : top.Detail;
    }

    /// <summary>Rounds for display: whole units from 10 up, one decimal below.</summary>
    private static double Round(double value) => Math.Abs(value) >= 10 ? Math.Round(value) : Math.Round(value, 1);

    private static string Unsigned(double value)
    {
        var rounded = Round(value);
        return (rounded == 0 ? 0.0 : rounded).ToString(CultureInfo.InvariantCulture);
    }

    private static string Signed(double value)
    {
        var rounded = Round(value);
        return rounded > 0 ? "+" + rounded.ToString(CultureInfo.InvariantCulture) : Unsigned(rounded);
    }
}
