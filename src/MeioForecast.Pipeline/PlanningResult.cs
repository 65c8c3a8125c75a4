using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Drilldown;
using MeioForecast.Explainability.Drivers;
using MeioForecast.Forecasting;
using MeioForecast.Pipeline.Explanation.Inputs;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Simulation.Network;

namespace MeioForecast.Pipeline;

/// <summary>What a planning run produced, before it is written.</summary>
/// <param name="Forecasts">Quantile forecasts of every sku-node with demand history, in sku-node order.</param>
/// <param name="Targets">Stock targets of every planned sku-node, in sku-node order.</param>
/// <param name="PlacementMethod">Which placement produced the targets (e.g. single-echelon, gsm).</param>
public sealed record PlanningResult(IReadOnlyList<SeriesForecast> Forecasts, IReadOnlyList<TargetRow> Targets, string PlacementMethod)
{
    /// <summary>The driver values of every planned sku-node (node_drivers.csv), the input of the explanations.</summary>
    public IReadOnlyDictionary<SkuNode, NodeDrivers> Drivers { get; init; } = new Dictionary<SkuNode, NodeDrivers>();

    /// <summary>Each sku-node's lead-time demand split by forecast feature group (forecast_contributions.csv), the basis of the drill-down.</summary>
    public IReadOnlyDictionary<SkuNode, NodeForecastContributions> ForecastContributions { get; init; } = new Dictionary<SkuNode, NodeForecastContributions>();

    /// <summary>The inputs of every sku's placement (explanation_inputs.json), what the next run mixes with its own.</summary>
    public RunInputs? Inputs { get; init; }

    /// <summary>
    /// Single-echelon targets by sku-node: the service check's calibrated ones when it compared (metrics.json's
    /// single-echelon total), else placed at the service targets. The baseline of a first run's explanations.
    /// </summary>
    public IReadOnlyDictionary<SkuNode, TargetRow> SingleEchelon { get; init; } = new Dictionary<SkuNode, TargetRow>();

    /// <summary>The service check (simulated service, calibration, MEIO vs SEIO); null when it did not run.</summary>
    public ServiceReport? Service { get; init; }

    /// <summary>
    /// The replayed backtest errors the service check drew demand from (<see cref="DemandDraws.Replay"/>); null when it
    /// drew independently or did not run. The held-out check's window band simulates with the same demand model.
    /// </summary>
    public IReadOnlyDictionary<SkuNode, ReplayMember>? Replay { get; init; }
}
