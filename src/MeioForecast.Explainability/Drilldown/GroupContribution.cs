namespace MeioForecast.Explainability.Drilldown;

/// <summary>The contribution of one feature group to lead-time demand.</summary>
/// <param name="Group">The group, e.g. <c>promotion</c>.</param>
/// <param name="Contribution">Its TreeSHAP contribution summed over the lead-time periods (weighted), units.</param>
/// <param name="PeakPeriod">The 0-based forecast period where its contribution is largest in absolute value.</param>
/// <param name="PeakContribution">Its contribution in that period (weighted), units.</param>
public sealed record GroupContribution(string Group, double Contribution, int PeakPeriod, double PeakContribution);
