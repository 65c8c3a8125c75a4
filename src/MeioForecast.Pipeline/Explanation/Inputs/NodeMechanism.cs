using System.Globalization;
using MeioForecast.Explainability.Drivers;

namespace MeioForecast.Pipeline.Explanation.Inputs;

/// <summary>
/// How the placement responded at a node between two runs, in words: the optimizer's service times (S up: the node
/// quotes a longer time and its customers hold the stock, "moved stock downstream"; SI up: its supplier quotes a longer
/// time and the node holds more, "moved stock here from upstream") and the service check's calibrated level.
/// </summary>
public static class NodeMechanism
{
    /// <summary>The response at a node from <paramref name="previous"/> to <paramref name="current"/>; null when nothing moved.</summary>
    public static string? Describe(NodeDrivers previous, NodeDrivers current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var parts = new List<string>();
        if (previous.OutboundServiceTime != current.OutboundServiceTime || previous.InboundServiceTime != current.InboundServiceTime)
        {
            var moves = new List<string>();
            if (current.OutboundServiceTime != previous.OutboundServiceTime)
            {
                var verb = current.OutboundServiceTime > previous.OutboundServiceTime ? "moved stock downstream" : "moved stock here from downstream";
                moves.Add(FormattableString.Invariant($"{verb} (S {previous.OutboundServiceTime:0.##} -> {current.OutboundServiceTime:0.##})"));
            }

            if (current.InboundServiceTime != previous.InboundServiceTime)
            {
                var verb = current.InboundServiceTime > previous.InboundServiceTime ? "moved stock here from upstream" : "moved stock upstream";
                moves.Add(FormattableString.Invariant($"{verb} (SI {previous.InboundServiceTime:0.##} -> {current.InboundServiceTime:0.##})"));
            }

            parts.Add("the optimizer " + string.Join(" and ", moves));
        }

        if (previous.ServiceLevel != current.ServiceLevel)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"the service check's calibrated level moved {100 * previous.ServiceLevel:0.##}% -> {100 * current.ServiceLevel:0.##}%"));
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }
}
