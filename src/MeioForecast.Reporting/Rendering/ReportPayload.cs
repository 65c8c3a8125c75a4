using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MeioForecast.Reporting.Model;

namespace MeioForecast.Reporting.Rendering;

/// <summary>
/// The compact JSON embedded in the report for its script: every searchable sku-node's change and driver contributions
/// (arrays, not objects, to stay small), and for the top rows the forecast fan chart data and feature contributions.
/// '&lt;' is escaped so the JSON cannot close its script element.
/// </summary>
internal static class ReportPayload
{
    public static string Build(RunReportData data, ChangeSet changes, ReportOptions options)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default }))
        {
            w.WriteStartObject();
            w.WriteString("unit", "units");
            w.WriteStartArray("drivers");
            foreach (var d in changes.Drivers)
            {
                w.WriteStringValue(d);
            }

            w.WriteEndArray();
            w.WriteStartArray("labels");
            foreach (var d in changes.Drivers)
            {
                w.WriteStringValue(ChangeSet.Label(d));
            }

            w.WriteEndArray();
            w.WriteStartArray("levels");
            foreach (var l in data.QuantileLevels)
            {
                w.WriteNumberValue(l);
            }

            w.WriteEndArray();
            w.WriteNumber("total", changes.Nodes.Count);
            w.WriteNumber("top", Math.Min(options.TopChanges, changes.Nodes.Count));
            w.WriteBoolean("shap", data.FeatureContributions is not null || data.ForecastComposition is not null);
            w.WriteStartArray("nodes");
            foreach (var n in changes.Nodes.Take(options.MaxSearchable))
            {
                w.WriteStartArray();
                w.WriteStringValue(n.Sku);
                w.WriteStringValue(n.Location);
                w.WriteStringValue(n.Baseline);
                w.WriteNumberValue(Math.Round(n.Previous, 6));
                w.WriteNumberValue(Math.Round(n.Current, 6));
                w.WriteStartArray();
                foreach (var c in n.Contributions)
                {
                    w.WriteNumberValue(Math.Round(c, 6));
                }

                w.WriteEndArray();
                w.WriteStringValue(n.Sentence);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteStartObject("detail");
            WriteDetails(w, data, changes, options);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteDetails(Utf8JsonWriter w, RunReportData data, ChangeSet changes, ReportOptions options)
    {
        var top = changes.Nodes.Take(options.TopChanges).Select((n, i) => (n, i)).ToList();
        var wanted = top.Select(p => (p.n.Sku, p.n.Location)).ToHashSet();
        var forecasts = data.Forecasts.Where(f => wanted.Contains((f.Sku, f.Location))).GroupBy(f => (f.Sku, f.Location)).ToDictionary(g => g.Key, g => g.OrderBy(f => f.Date).ToList());
        var history = data.History.Where(h => wanted.Contains((h.Sku, h.Location))).ToDictionary(h => (h.Sku, h.Location));
        var details = (data.FeatureContributions ?? []).Where(d => wanted.Contains((d.Sku, d.Location))).GroupBy(d => (d.Sku, d.Location)).ToDictionary(g => g.Key, g => g.ToList());

        // A node whose demand drivers did not move has no drill-down of a change: show what its forecast is made of.
        foreach (var g in (data.ForecastComposition ?? []).Where(d => wanted.Contains((d.Sku, d.Location)) && !details.ContainsKey((d.Sku, d.Location))).GroupBy(d => (d.Sku, d.Location)).ToList())
        {
            details[g.Key] = g.ToList();
        }
        foreach (var (n, i) in top)
        {
            var key = (n.Sku, n.Location);
            w.WriteStartObject(i.ToString(CultureInfo.InvariantCulture));
            if (forecasts.TryGetValue(key, out var fc) && fc.Count > 0)
            {
                w.WriteString("m", fc[0].Method);
                w.WriteString("f0", Date(fc[0].Date));
                w.WriteNumber("fs", fc.Count > 1 ? fc[1].Date.DayNumber - fc[0].Date.DayNumber : 1);
                w.WriteStartArray("q");
                foreach (var f in fc)
                {
                    w.WriteStartArray();
                    foreach (var q in f.Quantiles)
                    {
                        w.WriteNumberValue(Math.Round(q, 2));
                    }

                    w.WriteEndArray();
                }

                w.WriteEndArray();
                var from = fc[0].Date;
                var to = fc[^1].Date;
                if (history.TryGetValue(key, out var h) && h.Quantities.Count > 0)
                {
                    var skip = Math.Max(0, h.Quantities.Count - options.HistoryPeriods);
                    var start = h.Start.AddDays(skip * h.PeriodDays);
                    from = start;
                    w.WriteString("h0", Date(start));
                    w.WriteNumber("hs", h.PeriodDays);
                    w.WriteStartArray("h");
                    for (var t = skip; t < h.Quantities.Count; t++)
                    {
                        w.WriteNumberValue(Math.Round(h.Quantities[t], 2));
                    }

                    w.WriteEndArray();
                }

                w.WriteStartArray("ev");
                foreach (var e in data.Events.Where(e => e.Date >= from && e.Date <= to && (e.Sku is null || e.Sku == n.Sku) && (e.Location is null || e.Location == n.Location)).OrderBy(e => e.Date).ThenBy(e => e.Signal, StringComparer.Ordinal))
                {
                    w.WriteStartArray();
                    w.WriteStringValue(Date(e.Date));
                    w.WriteStringValue(e.Signal);
                    w.WriteNumberValue(Math.Round(e.Value, 4));
                    w.WriteEndArray();
                }

                w.WriteEndArray();
            }

            if (details.TryGetValue(key, out var x))
            {
                w.WriteStartArray("x");
                foreach (var d in x.OrderByDescending(d => Math.Abs(d.Contribution)).ThenBy(d => d.Detail, StringComparer.Ordinal))
                {
                    w.WriteStartArray();
                    w.WriteStringValue(d.Driver);
                    w.WriteStringValue(d.Detail);
                    w.WriteNumberValue(Math.Round(d.Contribution, 4));
                    w.WriteStringValue(d.Unit);
                    w.WriteEndArray();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
