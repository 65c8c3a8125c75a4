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
                moves.Add(current.OutboundServiceTime > previous.OutboundServiceTime ? "moved stock downstream" : "moved stock here from downstream");
            }

            if (current.InboundServiceTime != previous.InboundServiceTime)
            {
                moves.Add(current.InboundServiceTime > previous.InboundServiceTime ? "moved stock here from upstream" : "moved stock upstream");
            }

            parts.Add(FormattableString.Invariant(
                $"the optimizer {string.Join(" and ", moves)} (S {previous.OutboundServiceTime:0.##} -> {current.OutboundServiceTime:0.##}, SI {previous.InboundServiceTime:0.##} -> {current.InboundServiceTime:0.##})"));
        }

        if (previous.ServiceLevel != current.ServiceLevel)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"the service level it is placed at moved {100 * previous.ServiceLevel:0.##}% -> {100 * current.ServiceLevel:0.##}%"));
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }
}
