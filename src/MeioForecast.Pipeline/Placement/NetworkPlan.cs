using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;
using MeioForecast.Core.Planning;

namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// The network side of one run, derived once from its input and passed to placement, calibration, simulation and
/// explanations: every sku's <see cref="SkuNetwork"/> with its <see cref="StagePlan"/>s, and the settings they share.
/// Immutable.
/// </summary>
public sealed class NetworkPlan
{
    private readonly Dictionary<SkuNode, StagePlan> _stages;

    private NetworkPlan(PlanningSettings settings, IReadOnlyDictionary<string, Location> locations, IReadOnlyList<SkuNetwork> skus)
    {
        Settings = settings;
        Locations = locations;
        Skus = skus;
        _stages = skus.SelectMany(s => s.Stages).ToDictionary(s => s.Key);
    }

    /// <summary>The run's settings (horizon, seed, quantile levels).</summary>
    public PlanningSettings Settings { get; }

    /// <summary>The locations by id.</summary>
    public IReadOnlyDictionary<string, Location> Locations { get; }

    /// <summary>Every sku's network, in sku order.</summary>
    public IReadOnlyList<SkuNetwork> Skus { get; }

    /// <summary>Number of planned sku-nodes.</summary>
    public int NodeCount => _stages.Count;

    /// <summary>Builds the plan of <paramref name="input"/>.</summary>
    public static NetworkPlan Build(PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new NetworkPlan(input.Settings, input.Locations, SkuNetwork.Build(input));
    }

    /// <summary>The stage of <paramref name="node"/>.</summary>
    /// <exception cref="KeyNotFoundException">The sku-node is not planned.</exception>
    public StagePlan Stage(SkuNode node) => _stages[node];

    /// <summary>True when <paramref name="node"/> is planned.</summary>
    public bool Contains(SkuNode node) => _stages.ContainsKey(node);
}
