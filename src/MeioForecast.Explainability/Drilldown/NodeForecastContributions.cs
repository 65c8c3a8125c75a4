namespace MeioForecast.Explainability.Drilldown;

/// <summary>
/// A node's lead-time demand split by feature group (forecast_contributions.csv), for the two measures the demand drivers
/// are drilled down to: <see cref="Level"/> (the forecast medians) and <see cref="Spread"/> (top minus bottom quantile).
/// The groups of a measure add up to the measure.
/// </summary>
/// <param name="Level">Groups of the lead-time sum of the medians, largest absolute first.</param>
/// <param name="Spread">Groups of the lead-time sum of the quantile spreads, largest absolute first.</param>
public sealed record NodeForecastContributions(IReadOnlyList<GroupContribution> Level, IReadOnlyList<GroupContribution> Spread);
