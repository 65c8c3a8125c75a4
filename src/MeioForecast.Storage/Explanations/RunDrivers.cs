using MeioForecast.Core.Keys;
using MeioForecast.Explainability.Drivers;

namespace MeioForecast.Storage.Explanations;

/// <summary>The driver values a complete run recorded (its node_drivers.csv).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Drivers">Driver values by sku-node.</param>
public sealed record RunDrivers(string RunId, IReadOnlyDictionary<SkuNode, NodeDrivers> Drivers);
