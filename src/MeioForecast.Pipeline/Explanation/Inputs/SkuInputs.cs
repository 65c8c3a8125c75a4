using MeioForecast.Core.Network;
using MeioForecast.Forecasting;

namespace MeioForecast.Pipeline.Explanation.Inputs;

/// <summary>
/// Everything one sku's placement and calibration read from a run: its planned nodes (service target, costs, processing
/// time, maximum service time), the lanes of its network (from suppliers and between its nodes: lead time, its
/// variability, quantity per unit) and the served forecasts of its nodes with demand history. Two runs' inputs of a sku
/// mixed per coalition (<see cref="InputMix"/>) are the players' values of the explanation game.
/// </summary>
/// <param name="Sku">The sku.</param>
/// <param name="Nodes">Its planned nodes, in location order.</param>
/// <param name="Lanes">The lanes of its network (into its nodes from suppliers or its other nodes), in input order.</param>
/// <param name="Forecasts">The forecasts of its nodes with demand history, in location order.</param>
public sealed record SkuInputs(string Sku, IReadOnlyList<SkuNodeParameters> Nodes, IReadOnlyList<Lane> Lanes, IReadOnlyList<SeriesForecast> Forecasts);
