using System.Globalization;
using MeioForecast.Storage.Csv;

namespace MeioForecast.Datasets.Import;

/// <summary>
/// Writes an <see cref="ImportedInput"/> as an input folder (docs/input-format.md): settings, a network, one sku-node per
/// series, demand and signals. The network is either forecasting-only (one external supplier feeding every location, lead
/// time 1 period) or, with distribution centers, a synthetic two-echelon one for planning and the held-out check
/// (docs/holdout.md): stores in ordinal id order dealt round-robin to DC-1..DC-K, supplier to DC 2 periods (s.d. 0.5),
/// DC to store 1 period, each sku held at every DC that serves one of its stores (holding rate 0.20 vs 0.25 at stores).
/// Negative quantities (returns) are clipped to 0; missing rows are left out (zero demand by the contract) and marked 0
/// in the <c>observed</c> signal (global 1) when markObserved is set, so a backtest can skip them. A data set whose own
/// availability signal is another one (<see cref="ImportedInput.ScoreMask"/>, Rossmann's <c>open</c>) gets its missing
/// rows marked 0 in that signal instead: a day without a record is a day the store was not observed, not a day it sold
/// nothing (17 of Rossmann's 100 stores have no rows from 2014-07-01 to 2014-12-31; read as open, the stage took them
/// for intermittent demand; docs/forecasting.md).
/// </summary>
public static class InputFolderWriter
{
    /// <summary>Supplier id of the generated network.</summary>
    public const string Supplier = "SUPPLIER";

    /// <summary>Writes the folder; returns the number of demand rows written.</summary>
    /// <param name="input">The data set.</param>
    /// <param name="folder">Folder to write.</param>
    /// <param name="markObserved">Mark missing rows 0 in the <c>observed</c> signal.</param>
    /// <param name="distributionCenters">K &gt; 0: the synthetic two-echelon network with K DCs; 0: forecasting-only.</param>
    public static long Write(ImportedInput input, string folder, bool markObserved, int distributionCenters = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(distributionCenters);
        ArgumentNullException.ThrowIfNull(input);
        Directory.CreateDirectory(folder);
        var settings = new CsvTableWriter(["key", "value"]);
        settings.AddRow("period", input.Period);
        settings.AddRow("horizon", input.Horizon.ToString(CultureInfo.InvariantCulture));
        settings.AddRow("quantile_levels", "0.05;0.1;0.5;0.9;0.95");
        settings.AddRow("seed", "42");

        // The signal whose 0 marks a period without a demand observation, declared so that every verb reads it so.
        if (input.Availability is { } availability && (availability != "observed" || markObserved))
        {
            settings.AddRow("availability_signal", availability);
        }

        // Promotion periods are calibrated as a class of their own (docs/holdout.md, "Promotion periods").
        if (input.Promotion is { } promotion)
        {
            settings.AddRow("promotion_signal", promotion);
        }

        File.WriteAllBytes(Path.Combine(folder, "settings.csv"), settings.ToBytes());

        var stores = input.Demand.Keys.Select(k => k.Location).Distinct().Order(StringComparer.Ordinal).ToArray();
        var dcOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < stores.Length && distributionCenters > 0; i++)
        {
            dcOf[stores[i]] = "DC-" + ((i % distributionCenters) + 1).ToString(CultureInfo.InvariantCulture);
        }

        var dcs = dcOf.Values.Distinct().Order(StringComparer.Ordinal).ToArray();
        var locations = new CsvTableWriter(["location", "type", "echelon"]);
        locations.AddRow(Supplier, "supplier", dcs.Length > 0 ? "2" : "1");
        var lanes = new CsvTableWriter(["from", "to", "lead_time_mean", "lead_time_sd"]);
        foreach (var dc in dcs)
        {
            locations.AddRow(dc, "dc", "1");
            lanes.AddRow(Supplier, dc, "2", "0.5");
        }

        foreach (var s in stores)
        {
            locations.AddRow(s, "store", "0");
            lanes.AddRow(dcOf.GetValueOrDefault(s, Supplier), s, "1", "");
        }

        File.WriteAllBytes(Path.Combine(folder, "locations.csv"), locations.ToBytes());
        File.WriteAllBytes(Path.Combine(folder, "lanes.csv"), lanes.ToBytes());

        var keys = input.Demand.Keys.OrderBy(k => k.Sku, StringComparer.Ordinal).ThenBy(k => k.Location, StringComparer.Ordinal).ToArray();
        var nodes = new CsvTableWriter(["sku", "location", "unit_cost", "holding_cost_rate", "service_level", "max_service_time"]);
        foreach (var (sku, dc) in keys.Where(k => dcOf.ContainsKey(k.Location)).Select(k => (k.Sku, dcOf[k.Location])).Distinct()
            .OrderBy(k => k.Sku, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal))
        {
            nodes.AddRow(sku, dc, "1", "0.2", "0.95", "");
        }

        foreach (var (sku, location) in keys)
        {
            nodes.AddRow(sku, location, "1", "0.25", "0.95", "0");
        }

        File.WriteAllBytes(Path.Combine(folder, "sku_nodes.csv"), nodes.ToBytes());

        var step = input.Period == "week" ? 7 : 1;
        var end = input.Demand.Values.Max(d => d.Keys.Max());
        var demand = new CsvTableWriter(["sku", "location", "date", "quantity"]);
        var signals = new CsvTableWriter(["date", "signal", "kind", "value", "sku", "location"]);
        var ownMask = input.ScoreMask is { } m && m != "observed" ? m : null;
        foreach (var key in keys)
        {
            var series = input.Demand[key];
            for (var date = series.Keys.Min(); date <= end; date = date.AddDays(step))
            {
                if (series.TryGetValue(date, out var q) && double.IsFinite(q))
                {
                    demand.AddRow(key.Sku, key.Location, CsvTableWriter.Date(date), CsvTableWriter.Number(Math.Max(0, q), 6));
                }
                else if (markObserved)
                {
                    signals.AddRow(CsvTableWriter.Date(date), "observed", "known", "0", key.Sku, key.Location);
                }
                else if (ownMask is not null)
                {
                    signals.AddRow(CsvTableWriter.Date(date), ownMask, "known", "0", key.Sku, key.Location);
                }
            }
        }

        File.WriteAllBytes(Path.Combine(folder, "demand.csv"), demand.ToBytes());
        if (markObserved)
        {
            var first = input.Demand.Values.Min(d => d.Keys.Min());
            for (var date = first; date <= end.AddDays(step * input.Horizon); date = date.AddDays(step))
            {
                signals.AddRow(CsvTableWriter.Date(date), "observed", "known", "1", "", "");
            }
        }

        foreach (var (signal, date, sku, location, value) in input.Signals)
        {
            signals.AddRow(CsvTableWriter.Date(date), signal, "known", CsvTableWriter.Number(value, 6), sku, location);
        }

        File.WriteAllBytes(Path.Combine(folder, "signals.csv"), signals.ToBytes());
        return demand.Rows;
    }
}
