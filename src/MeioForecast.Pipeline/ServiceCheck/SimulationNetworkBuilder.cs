using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Placement;
using MeioForecast.Simulation.Network;

namespace MeioForecast.Pipeline.ServiceCheck;

/// <summary>
/// Turns one sku's targets into a <see cref="SimulationNetwork"/>: stage = planned node (id = location), upstream =
/// its inbound lanes from planned nodes (phi = quantity per unit), inbound lead time = the longest inbound lane (the
/// one the placement uses) plus the fractional part of the processing time, processing time = its whole part, base
/// stock B_j, S_j and SI_j from the targets, customer demand = the node's own forecast, one
/// <see cref="QuantileDistribution"/> per horizon period (or, for the held-out replay, a given demand path).
/// </summary>
internal static class SimulationNetworkBuilder
{
    public static SimulationNetwork Build(
        SkuNetwork network,
        IReadOnlyDictionary<SkuNode, TargetRow> targets,
        IReadOnlyDictionary<SkuNode, SeriesForecast> forecasts,
        IReadOnlyDictionary<SkuNode, ReplayMember>? replay = null) =>
        Build(network, targets, key => forecasts.TryGetValue(key, out var forecast) ? Demand(forecast, replay?.GetValueOrDefault(key)) : null);

    /// <summary>The same network with the customer demand of each node given by <paramref name="demand"/> (null = none).</summary>
    public static SimulationNetwork Build(
        SkuNetwork network,
        IReadOnlyDictionary<SkuNode, TargetRow> targets,
        Func<SkuNode, CustomerDemand?> demand)
    {
        var stages = new List<SimulationStage>(network.Nodes.Count);
        foreach (var stage in network.Stages)
        {
            var node = stage.Node;
            var location = node.Key.Location;
            var row = targets[node.Key];
            var lane = stage.Supply;
            var wholeProcessing = (int)Math.Floor(node.ProcessingTime);
            var fraction = node.ProcessingTime - wholeProcessing;
            stages.Add(new SimulationStage
            {
                Id = location,
                Upstream = [.. stage.InternalInbound.Select(l => new StageSupply(l.From, l.QuantityPerUnit))],
                ProcessingTime = wholeProcessing,
                InboundLeadTime = Shift(lane?.LeadTime, fraction),
                BaseStock = Math.Max(0.0, row.BaseStock),
                OutboundServiceTime = (int)Math.Round(row.OutboundServiceTime),
                InboundServiceTime = (int)Math.Round(row.InboundServiceTime),
                CustomerDemand = demand(node.Key),
            });
        }

        return new SimulationNetwork(stages);
    }

    private static LeadTime? Shift(LeadTime? leadTime, double fraction)
    {
        if (fraction <= 0.0)
        {
            return leadTime;
        }

        return leadTime is null
            ? new LeadTime(fraction, 0.0)
            : new LeadTime(
                leadTime.Mean + fraction,
                leadTime.StandardDeviation,
                leadTime.Distribution?.Select(o => new LeadTimeOutcome(o.Periods + fraction, o.Probability)).ToArray());
    }

    /// <summary>The node's forecast as per-period sampled demand (replayed errors when <paramref name="replay"/> is given); null when it forecasts no demand at all.</summary>
    internal static CustomerDemand? Demand(SeriesForecast forecast, ReplayMember? replay)
    {
        var periods = new DemandDistribution[forecast.Horizon];
        var any = false;
        for (var t = 0; t < periods.Length; t++)
        {
            var values = forecast.At(t);
            if (values.Max() <= 0.0)
            {
                // A forecast of no demand at all: a point mass at 0 (the quantile rebuild needs a positive spread).
                periods[t] = new NormalDistribution(0.0, 0.0);
                continue;
            }

            any = true;
            periods[t] = new QuantileDistribution(forecast.Levels, values);
        }

        return any ? CustomerDemand.PerPeriod(periods, replay) : null;
    }
}
