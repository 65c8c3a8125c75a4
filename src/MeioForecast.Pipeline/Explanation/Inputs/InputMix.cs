using MeioForecast.Core.Network;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Forecasting;

namespace MeioForecast.Pipeline.Explanation.Inputs;

/// <summary>
/// The inputs of one coalition of the explanation game: each <see cref="BufferDriver"/> in the coalition takes its inputs
/// from this run, the others from the previous run. What each driver owns:
/// <list type="bullet">
/// <item>network: the set of nodes, the lanes between them (and from suppliers), quantities per unit, maximum service times;</item>
/// <item>service target: each node's cycle service target; holding cost: its unit cost and holding-cost rate;</item>
/// <item>lead-time mean: each lane's mean lead time and each node's processing time; lead-time variability: each lane's
/// standard deviation (and empirical distribution, shifted to the mixed mean when the two drivers' runs differ);</item>
/// <item>forecast level: the median of each series' forecast per period; forecast uncertainty: each quantile's distance
/// from that median (so a mixed forecast is level + spread, clipped at 0 and sorted).</item>
/// </list>
/// A node or lane missing from a driver's run takes that input from the other run. A driver whose inputs are equal in
/// both runs (<see cref="Changed"/>) does not change any coalition's inputs: it is a null player and gets exactly 0.
/// </summary>
public static class InputMix
{
    /// <summary>All seven drivers.</summary>
    public const int AllDrivers = (1 << 7) - 1;

    /// <summary>The inputs of <paramref name="coalition"/> (bit <c>(int)driver</c> set = that driver's inputs from <paramref name="current"/>).</summary>
    public static SkuInputs Mix(SkuInputs previous, SkuInputs current, int coalition)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if ((coalition & AllDrivers) == AllDrivers)
        {
            return current;
        }

        if ((coalition & AllDrivers) == 0)
        {
            return previous;
        }

        SkuInputs Pick(BufferDriver driver) => (coalition & (1 << (int)driver)) != 0 ? current : previous;
        var network = Pick(BufferDriver.Network);
        var other = ReferenceEquals(network, current) ? previous : current;
        var service = Pick(BufferDriver.ServiceLevel).Nodes.ToDictionary(n => n.Key);
        var cost = Pick(BufferDriver.HoldingCost).Nodes.ToDictionary(n => n.Key);
        var processing = Pick(BufferDriver.LeadTimeMean).Nodes.ToDictionary(n => n.Key);
        var nodes = network.Nodes.Select(n =>
        {
            var s = service.GetValueOrDefault(n.Key) ?? n;
            var c = cost.GetValueOrDefault(n.Key) ?? n;
            var p = processing.GetValueOrDefault(n.Key) ?? n;
            return n with { ServiceLevel = s.ServiceLevel, UnitCost = c.UnitCost, HoldingCostRate = c.HoldingCostRate, ProcessingTime = p.ProcessingTime };
        }).ToArray();

        var means = LanesByKey(Pick(BufferDriver.LeadTimeMean).Lanes);
        var spreads = LanesByKey(Pick(BufferDriver.LeadTimeVariability).Lanes);
        var lanes = LanesByKey(network.Lanes).Select(kv =>
        {
            var lane = kv.Value;
            var mean = means.GetValueOrDefault(kv.Key)?.LeadTime ?? lane.LeadTime;
            var spread = spreads.GetValueOrDefault(kv.Key)?.LeadTime ?? lane.LeadTime;
            return lane with { LeadTime = LeadTimeOf(mean, spread) };
        }).ToArray();

        var level = Pick(BufferDriver.DemandLevel).Forecasts.ToDictionary(f => f.Key);
        var uncertainty = Pick(BufferDriver.DemandUncertainty).Forecasts.ToDictionary(f => f.Key);
        var fallback = other.Forecasts.ToDictionary(f => f.Key);
        var forecasts = new List<SeriesForecast>();
        foreach (var node in nodes)
        {
            var l = level.GetValueOrDefault(node.Key) ?? uncertainty.GetValueOrDefault(node.Key) ?? fallback.GetValueOrDefault(node.Key);
            var u = uncertainty.GetValueOrDefault(node.Key) ?? l;
            if (l is not null && u is not null)
            {
                forecasts.Add(ForecastOf(l, u));
            }
        }

        return new SkuInputs(current.Sku, nodes, lanes, forecasts);
    }

    /// <summary>The bit mask of the drivers whose inputs differ between <paramref name="previous"/> and <paramref name="current"/>.</summary>
    public static int Changed(SkuInputs previous, SkuInputs current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var changed = 0;
        foreach (var driver in BufferDriverNames.All)
        {
            if (!InputChange.Equal(driver, previous, current))
            {
                changed |= 1 << (int)driver;
            }
        }

        return changed;
    }

    /// <summary>Lanes keyed by their ends (and their order among lanes with the same ends).</summary>
    internal static SortedDictionary<(string From, string To, int Index), Lane> LanesByKey(IReadOnlyList<Lane> lanes)
    {
        var result = new SortedDictionary<(string, string, int), Lane>();
        foreach (var lane in lanes)
        {
            var index = 0;
            while (result.ContainsKey((lane.From, lane.To, index)))
            {
                index++;
            }

            result[(lane.From, lane.To, index)] = lane;
        }

        return result;
    }

    /// <summary>The median of each period of <paramref name="forecast"/> (linear interpolation at 0.5).</summary>
    internal static double[] Medians(SeriesForecast forecast)
    {
        var p = forecast.Levels.Select(l => l.Value).ToArray();
        var medians = new double[forecast.Horizon];
        for (var t = 0; t < medians.Length; t++)
        {
            var q = forecast.At(t);
            var k = Array.FindIndex(p, v => v >= 0.5);
            medians[t] = k switch
            {
                < 0 => q[^1],
                0 => q[0],
                _ => q[k - 1] + ((0.5 - p[k - 1]) / (p[k] - p[k - 1]) * (q[k] - q[k - 1])),
            };
        }

        return medians;
    }

    private static LeadTime LeadTimeOf(LeadTime mean, LeadTime spread)
    {
        if (ReferenceEquals(mean, spread) || (mean.Mean == spread.Mean && mean.StandardDeviation == spread.StandardDeviation && ReferenceEquals(mean.Distribution, spread.Distribution)))
        {
            return spread;
        }

        // An empirical distribution keeps its shape and moves to the mixed mean; dropped if that would need a negative lead time.
        var shift = mean.Mean - spread.Mean;
        var outcomes = spread.Distribution?.Select(o => o with { Periods = o.Periods + shift }).ToArray();
        return new LeadTime(mean.Mean, spread.StandardDeviation, outcomes is not null && outcomes.All(o => o.Periods >= 0) ? outcomes : null);
    }

    private static SeriesForecast ForecastOf(SeriesForecast level, SeriesForecast spread)
    {
        if (ReferenceEquals(level, spread))
        {
            return level;
        }

        if (!level.Levels.SequenceEqual(spread.Levels))
        {
            throw new InvalidOperationException($"{level.Key}: the two runs' forecasts use different quantile levels; explain against a run with the same levels.");
        }

        var lm = Medians(level);
        var sm = Medians(spread);
        var q = new double[level.Horizon, level.Levels.Count];
        for (var t = 0; t < level.Horizon; t++)
        {
            var s = Math.Min(t, spread.Horizon - 1);
            var row = new double[level.Levels.Count];
            for (var j = 0; j < row.Length; j++)
            {
                row[j] = Math.Max(0.0, lm[t] + (spread.Quantiles[s, j] - sm[s]));
            }

            Array.Sort(row);
            for (var j = 0; j < row.Length; j++)
            {
                q[t, j] = row[j];
            }
        }

        return new SeriesForecast(level.Key, level.FirstDate, level.Levels, q, level.Method);
    }
}
