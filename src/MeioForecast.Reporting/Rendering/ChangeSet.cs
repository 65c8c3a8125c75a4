using MeioForecast.Reporting.Model;

namespace MeioForecast.Reporting.Rendering;

/// <summary>The safety-stock changes of every sku-node, largest absolute change first (ties by sku, location).</summary>
internal sealed class ChangeSet
{
    /// <summary>Driver codes in explanations.csv order, with their display labels.</summary>
    public static readonly (string Code, string Label)[] KnownDrivers =
    [
        ("demand_level", "Forecast level"),
        ("demand_uncertainty", "Forecast uncertainty"),
        ("lead_time_mean", "Lead-time mean"),
        ("lead_time_variability", "Lead-time variability"),
        ("service_target", "Service target"),
        ("holding_cost", "Holding cost"),
        ("network", "Network"),
    ];

    public ChangeSet(RunReportData data)
    {
        var rows = data.Explanations.Where(r => r.Measure == ReportSummary.SafetyStockMeasure).ToList();
        var drivers = KnownDrivers.Select(d => d.Code).ToList();
        drivers.AddRange(rows.Select(r => r.Driver).Distinct(StringComparer.Ordinal).Where(d => !drivers.Contains(d)).Order(StringComparer.Ordinal).ToList());
        Drivers = drivers;
        var index = drivers.Select((d, i) => (d, i)).ToDictionary(p => p.d, p => p.i, StringComparer.Ordinal);
        var sentences = new Dictionary<(string, string), string>();
        foreach (var s in data.Sentences)
        {
            sentences[(s.Sku, s.Location)] = s.Sentence;
        }

        var nodes = new Dictionary<(string, string), NodeChange>();
        foreach (var r in rows)
        {
            if (!nodes.TryGetValue((r.Sku, r.Location), out var node))
            {
                node = new NodeChange(r.Sku, r.Location, r.Baseline, r.Previous, r.Current, new double[drivers.Count], sentences.GetValueOrDefault((r.Sku, r.Location), ""));
                nodes[(r.Sku, r.Location)] = node;
            }

            node.Contributions[index[r.Driver]] += r.Contribution;
        }

        Nodes = nodes.Values
            .OrderByDescending(n => Math.Abs(n.Change))
            .ThenBy(n => n.Sku, StringComparer.Ordinal)
            .ThenBy(n => n.Location, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Driver codes, known ones first in their canonical order.</summary>
    public IReadOnlyList<string> Drivers { get; }

    /// <summary>Every sku-node's change, largest first.</summary>
    public IReadOnlyList<NodeChange> Nodes { get; }

    /// <summary>The display label of a driver code.</summary>
    public static string Label(string code)
    {
        foreach (var (c, label) in KnownDrivers)
        {
            if (c == code)
            {
                return label;
            }
        }

        return code.Replace('_', ' ');
    }
}
