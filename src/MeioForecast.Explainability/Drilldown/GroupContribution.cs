namespace MeioForecast.Explainability.Drilldown;

/// <summary>The contribution of one feature group to a node's lead-time demand measure.</summary>
/// <param name="Group">The group, e.g. <c>promotion</c>, or <c>model base</c>, <c>other models</c>.</param>
/// <param name="Contribution">Its contribution summed over the lead-time periods (weighted), units.</param>
/// <param name="PeakDate">Start of the forecast period where its contribution is largest in absolute value; null for <c>model base</c> and <c>other models</c>.</param>
public sealed record GroupContribution(string Group, double Contribution, DateOnly? PeakDate);
