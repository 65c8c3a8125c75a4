using MeioForecast.Core.Demand;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;
using MeioForecast.Simulation.Network;

namespace MeioForecast.Pipeline.ServiceCheck;

/// <summary>
/// The historical error paths the service check replays (issue 28): for each forecast node, the last W = k x H periods
/// of its demand history are put through the probability integral transform of its forecast distribution of the same
/// phase (period t before the forecast's first date uses forecast period t mod H, so a weekly profile lines up):
/// u_t = F(actual_t), an atom at zero counted at its middle (the mid-PIT of discrete data; Czado, Gneiting &amp; Held
/// 2009, Biometrics 65(4):1254-1261). Their ranks form a <see cref="DemandDependence"/>: a level the forecast misses for
/// several periods shows as a run of high (or low) ranks, which the block bootstrap keeps, while every period's demand
/// keeps the forecast's own distribution. Every path covers the same W dates (the simulator replays them jointly across
/// a sku's nodes); nodes with less history, or W under two block lengths, get none (independent draws).
/// </summary>
public static class ErrorPaths
{
    /// <summary>The dependence of every forecast node with enough history, from <paramref name="history"/>.</summary>
    public static IReadOnlyDictionary<SkuNode, DemandDependence> Build(
        IReadOnlyList<DemandSeries> history, IReadOnlyList<SeriesForecast> forecasts, int horizons, int? blockLength)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizons, 1);
        var series = history.ToDictionary(s => s.Key);
        var result = new Dictionary<SkuNode, DemandDependence>();
        foreach (var forecast in forecasts)
        {
            if (!series.TryGetValue(forecast.Key, out var s) || forecast.Horizon == 0)
            {
                continue;
            }

            var h = forecast.Horizon;
            var block = Math.Max(1, blockLength ?? h);
            var u = Transforms(s, forecast, horizons * h);
            if (u.Count == horizons * h && u.Count >= 2 * block)
            {
                result[forecast.Key] = new DemandDependence(Ranks(u), block);
            }
        }

        return result;
    }

    /// <summary>The PIT values of the up to <paramref name="window"/> history periods before the forecast, oldest first.</summary>
    public static IReadOnlyList<double> Transforms(DemandSeries history, SeriesForecast forecast, int window)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(forecast);
        var h = forecast.Horizon;
        var before = history.Period.Between(history.Start, forecast.FirstDate);
        var first = Math.Max(0, before - window);
        var last = Math.Min(history.Length, before);
        var distributions = new DemandDistribution?[h];
        var result = new List<double>(Math.Max(0, last - first));
        for (var i = first; i < last; i++)
        {
            var phase = (((i - before) % h) + h) % h;
            distributions[phase] ??= Distribution(forecast, phase);
            var f = distributions[phase]!;
            var y = history.Quantities[i];
            result.Add(y <= 0.0 ? 0.5 * f.Cdf(0.0) : f.Cdf(y));
        }

        return result;
    }

    private static DemandDistribution Distribution(SeriesForecast forecast, int phase)
    {
        var values = forecast.At(phase);
        return values.Max() <= 0.0 ? DiscreteDistribution.PointMass(0.0) : new QuantileDistribution(forecast.Levels, values);
    }

    /// <summary>Ranks 0..W-1 in time order (ties broken by time, so the result is deterministic).</summary>
    private static int[] Ranks(IReadOnlyList<double> u)
    {
        var order = Enumerable.Range(0, u.Count).OrderBy(i => u[i]).ThenBy(i => i).ToArray();
        var ranks = new int[u.Count];
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r;
        }

        return ranks;
    }
}
