using System.Globalization;
using MeioForecast.Core.Network;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Forecasting;

namespace MeioForecast.Pipeline.Explanation.Inputs;

/// <summary>
/// Compares one driver's inputs (<see cref="InputMix"/> says which inputs a driver owns) between two runs of a sku: equal
/// or not, and the change in a planner's words, the largest first (e.g. <c>holding cost +60% at DC-EAST</c>,
/// <c>lead time SUP -> DC-EAST 5 -> 7</c>, <c>service target 95% -> 98% at STORE-08</c>).
/// </summary>
public static class InputChange
{
    /// <summary>True when <paramref name="driver"/>'s inputs are equal (to the bit) in both runs.</summary>
    public static bool Equal(BufferDriver driver, SkuInputs previous, SkuInputs current) => Changes(driver, previous, current).Count == 0;

    /// <summary>The change of <paramref name="driver"/>'s inputs in words (null when equal): the largest change, and how many more.</summary>
    public static string? Describe(BufferDriver driver, SkuInputs previous, SkuInputs current)
    {
        var changes = Changes(driver, previous, current);
        if (changes.Count == 0)
        {
            return null;
        }

        var top = changes.OrderByDescending(c => c.Size).ThenBy(c => c.Text, StringComparer.Ordinal).First();
        return changes.Count == 1 ? top.Text : string.Create(CultureInfo.InvariantCulture, $"{top.Text} and {changes.Count - 1} more");
    }

    /// <summary>Every changed input of <paramref name="driver"/> with a size (relative change) to rank them.</summary>
    private static List<(string Text, double Size)> Changes(BufferDriver driver, SkuInputs previous, SkuInputs current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var result = new List<(string, double)>();
        var before = previous.Nodes.ToDictionary(n => n.Key);
        var common = current.Nodes.Where(n => before.ContainsKey(n.Key)).Select(n => (Old: before[n.Key], New: n)).ToList();
        var oldLanes = InputMix.LanesByKey(previous.Lanes);
        var newLanes = InputMix.LanesByKey(current.Lanes);
        var lanes = newLanes.Where(kv => oldLanes.ContainsKey(kv.Key)).Select(kv => (kv.Key, Old: oldLanes[kv.Key], New: kv.Value)).ToList();
        switch (driver)
        {
            case BufferDriver.ServiceLevel:
                foreach (var (o, n) in common.Where(p => p.Old.ServiceLevel != p.New.ServiceLevel))
                {
                    result.Add((Inv($"service target {Pct(o.ServiceLevel)} -> {Pct(n.ServiceLevel)} at {n.Key.Location}"), Math.Abs(n.ServiceLevel - o.ServiceLevel)));
                }

                break;
            case BufferDriver.HoldingCost:
                foreach (var (o, n) in common.Where(p => p.Old.UnitCost != p.New.UnitCost || p.Old.HoldingCostRate != p.New.HoldingCostRate))
                {
                    result.Add(Relative("holding cost", o.AnnualHoldingCostPerUnit, n.AnnualHoldingCostPerUnit, " at " + n.Key.Location));
                }

                break;
            case BufferDriver.LeadTimeMean:
                foreach (var (o, n) in common.Where(p => p.Old.ProcessingTime != p.New.ProcessingTime))
                {
                    result.Add((Inv($"processing time at {n.Key.Location} {Num(o.ProcessingTime)} -> {Num(n.ProcessingTime)}"), Size(o.ProcessingTime, n.ProcessingTime)));
                }

                foreach (var (key, o, n) in lanes.Where(l => l.Old.LeadTime.Mean != l.New.LeadTime.Mean))
                {
                    result.Add((Inv($"lead time {key.From} -> {key.To} {Num(o.LeadTime.Mean)} -> {Num(n.LeadTime.Mean)}"), Size(o.LeadTime.Mean, n.LeadTime.Mean)));
                }

                break;
            case BufferDriver.LeadTimeVariability:
                foreach (var (key, o, n) in lanes.Where(l => l.Old.LeadTime.StandardDeviation != l.New.LeadTime.StandardDeviation || !SameOutcomes(l.Old.LeadTime, l.New.LeadTime)))
                {
                    result.Add((Inv($"lead-time sd {key.From} -> {key.To} {Num(o.LeadTime.StandardDeviation)} -> {Num(n.LeadTime.StandardDeviation)}"), Size(o.LeadTime.StandardDeviation, n.LeadTime.StandardDeviation)));
                }

                break;
            case BufferDriver.Network:
                Network(previous, current, before, common, oldLanes, newLanes, result);
                break;
            default:
                Forecasts(driver, previous, current, result);
                break;
        }

        return result;
    }

    private static void Network(
        SkuInputs previous,
        SkuInputs current,
        Dictionary<Core.Keys.SkuNode, SkuNodeParameters> before,
        List<(SkuNodeParameters Old, SkuNodeParameters New)> common,
        SortedDictionary<(string From, string To, int Index), Lane> oldLanes,
        SortedDictionary<(string From, string To, int Index), Lane> newLanes,
        List<(string, double)> result)
    {
        var after = current.Nodes.Select(n => n.Key).ToHashSet();
        result.AddRange(current.Nodes.Where(n => !before.ContainsKey(n.Key)).Select(n => ("node " + n.Key.Location + " added", 1.0)));
        result.AddRange(previous.Nodes.Where(n => !after.Contains(n.Key)).Select(n => ("node " + n.Key.Location + " removed", 1.0)));
        result.AddRange(newLanes.Keys.Where(k => !oldLanes.ContainsKey(k)).Select(k => ($"lane {k.From} -> {k.To} added", 1.0)));
        result.AddRange(oldLanes.Keys.Where(k => !newLanes.ContainsKey(k)).Select(k => ($"lane {k.From} -> {k.To} removed", 1.0)));
        foreach (var (key, lane) in newLanes)
        {
            if (oldLanes.TryGetValue(key, out var old) && (old.QuantityPerUnit != lane.QuantityPerUnit || old.Sku != lane.Sku))
            {
                result.Add((Inv($"quantity per unit {key.From} -> {key.To} {Num(old.QuantityPerUnit)} -> {Num(lane.QuantityPerUnit)}"), Size(old.QuantityPerUnit, lane.QuantityPerUnit)));
            }
        }

        foreach (var (o, n) in common.Where(p => p.Old.MaxServiceTime != p.New.MaxServiceTime))
        {
            result.Add(($"maximum service time at {n.Key.Location} {o.MaxServiceTime?.ToString(CultureInfo.InvariantCulture) ?? "none"} -> {n.MaxServiceTime?.ToString(CultureInfo.InvariantCulture) ?? "none"}", 1.0));
        }
    }

    private static void Forecasts(BufferDriver driver, SkuInputs previous, SkuInputs current, List<(string, double)> result)
    {
        var old = previous.Forecasts.ToDictionary(f => f.Key);
        var name = driver == BufferDriver.DemandLevel ? "forecast level" : "forecast spread";
        foreach (var f in current.Forecasts)
        {
            if (!old.TryGetValue(f.Key, out var o))
            {
                result.Add(("forecast of " + f.Key.Location + " added", 1.0));
                continue;
            }

            var (oldValue, oldSame) = Measure(driver, o);
            var (newValue, newSame) = Measure(driver, f);
            if (o.Horizon != f.Horizon || !oldSame.SequenceEqual(newSame))
            {
                result.Add(Relative(name, oldValue, newValue, " at " + f.Key.Location));
            }
        }

        var now = current.Forecasts.Select(f => f.Key).ToHashSet();
        result.AddRange(previous.Forecasts.Where(f => !now.Contains(f.Key)).Select(f => ("forecast of " + f.Key.Location + " removed", 1.0)));
    }

    /// <summary>The driver's summary value of a forecast (mean median, or mean top-minus-bottom spread) and the exact numbers it owns.</summary>
    private static (double Value, double[] Owned) Measure(BufferDriver driver, SeriesForecast forecast)
    {
        var medians = InputMix.Medians(forecast);
        if (driver == BufferDriver.DemandLevel)
        {
            return (medians.Average(), medians);
        }

        var owned = new double[forecast.Horizon * forecast.Levels.Count];
        double spread = 0;
        for (var t = 0; t < forecast.Horizon; t++)
        {
            for (var j = 0; j < forecast.Levels.Count; j++)
            {
                owned[(t * forecast.Levels.Count) + j] = forecast.Quantiles[t, j] - medians[t];
            }

            spread += forecast.Quantiles[t, forecast.Levels.Count - 1] - forecast.Quantiles[t, 0];
        }

        return (spread / forecast.Horizon, owned);
    }

    private static bool SameOutcomes(LeadTime a, LeadTime b) =>
        ReferenceEquals(a.Distribution, b.Distribution) || (a.Distribution is not null && b.Distribution is not null && a.Distribution.SequenceEqual(b.Distribution));

    private static (string, double) Relative(string what, double before, double after, string where)
    {
        var text = before != 0
            ? Inv($"{what} {(after >= before ? "+" : string.Empty)}{Math.Round(100 * (after - before) / Math.Abs(before)):0}%{where}")
            : Inv($"{what} {Num(before)} -> {Num(after)}{where}");
        return (text, Size(before, after));
    }

    private static double Size(double before, double after) => Math.Abs(after - before) / Math.Max(Math.Abs(before), 1e-12);

    private static string Pct(double p) => (100 * p).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Num(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => FormattableString.Invariant(s);
}
