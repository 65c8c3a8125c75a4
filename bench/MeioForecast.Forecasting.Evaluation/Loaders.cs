using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;

namespace MeioForecast.Forecasting.Evaluation;

/// <summary>Loads the shared Walmart and Rossmann data into <see cref="EvaluationDataset"/>.</summary>
internal static class Loaders
{
    public static EvaluationDataset Walmart(string dataDir)
    {
        var rows = new Dictionary<SkuNode, SortedDictionary<DateOnly, double>>();
        var signalValues = new List<KeyValuePair<(string, DateOnly, string, string), double>>();
        foreach (var r in GzCsv.Read(Path.Combine(dataDir, "walmart", "train.csv.gz")))
        {
            var key = new SkuNode("D" + r("Dept"), "S" + r("Store"));
            if (!rows.TryGetValue(key, out var d))
            {
                rows[key] = d = new SortedDictionary<DateOnly, double>();
            }

            d[DateOnly.Parse(r("Date"))] = GzCsv.Number(r("Weekly_Sales"));
        }

        string[] numeric = ["Temperature", "Fuel_Price", "MarkDown1", "MarkDown2", "MarkDown3", "MarkDown4", "MarkDown5", "CPI", "Unemployment"];
        foreach (var r in GzCsv.Read(Path.Combine(dataDir, "walmart", "features.csv.gz")))
        {
            var date = DateOnly.Parse(r("Date"));
            var location = "S" + r("Store");
            signalValues.Add(new(("holiday", date, "", location), r("IsHoliday") == "TRUE" ? 1 : 0));
            foreach (var c in numeric)
            {
                var v = GzCsv.Number(r(c));
                // Markdowns are NA before Nov 2011 and when there was none: no markdown = 0.
                if (double.IsNaN(v) && c.StartsWith("MarkDown", StringComparison.Ordinal))
                {
                    v = 0;
                }

                if (!double.IsNaN(v))
                {
                    signalValues.Add(new((c.ToLowerInvariant(), date, "", location), v));
                }
            }
        }

        var kinds = new[] { "holiday" }.Concat(numeric.Select(c => c.ToLowerInvariant())).ToDictionary(n => n, _ => SignalKind.KnownInAdvance);
        return Build("walmart", PeriodKind.Week, 8, 52, rows, new SignalTable(kinds, signalValues), null);
    }

    public static EvaluationDataset Rossmann(string dataDir)
    {
        var rows = new Dictionary<SkuNode, SortedDictionary<DateOnly, double>>();
        var signalValues = new List<KeyValuePair<(string, DateOnly, string, string), double>>();
        foreach (var r in GzCsv.Read(Path.Combine(dataDir, "rossmann100", "train.csv.gz")))
        {
            var key = new SkuNode("all", "R" + r("Store").PadLeft(4, '0'));
            if (!rows.TryGetValue(key, out var d))
            {
                rows[key] = d = new SortedDictionary<DateOnly, double>();
            }

            var date = DateOnly.Parse(r("Date"));
            d[date] = GzCsv.Number(r("Sales"));
            signalValues.Add(new(("open", date, "", key.Location), GzCsv.Number(r("Open"))));
            signalValues.Add(new(("promo", date, "", key.Location), GzCsv.Number(r("Promo"))));
            signalValues.Add(new(("state_holiday", date, "", key.Location), r("StateHoliday") == "0" ? 0 : 1));
            signalValues.Add(new(("school_holiday", date, "", key.Location), GzCsv.Number(r("SchoolHoliday"))));
        }

        var kinds = new[] { "open", "promo", "state_holiday", "school_holiday" }.ToDictionary(n => n, _ => SignalKind.KnownInAdvance);
        return Build("rossmann", PeriodKind.Day, 28, 7, rows, new SignalTable(kinds, signalValues), "open");
    }

    private static EvaluationDataset Build(string name, PeriodKind period, int horizon, int m, Dictionary<SkuNode, SortedDictionary<DateOnly, double>> rows, SignalTable signals, string? mask)
    {
        var end = rows.Values.Max(d => d.Keys.Max());
        var series = new List<DemandSeries>();
        var observed = new Dictionary<SkuNode, double[]>();
        foreach (var (key, d) in rows.OrderBy(kv => kv.Key))
        {
            var start = d.Keys.Min();
            var n = period.Between(start, end) + 1;
            var obs = new double[n];
            for (var i = 0; i < n; i++)
            {
                obs[i] = d.TryGetValue(period.Add(start, i), out var v) ? v : double.NaN;
            }

            observed[key] = obs;
            series.Add(new DemandSeries(key, period, start, obs.Select(v => double.IsNaN(v) ? 0.0 : Math.Max(0.0, v)).ToArray()));
        }

        return new EvaluationDataset(name, period, horizon, m, series, observed, signals, mask);
    }
}
