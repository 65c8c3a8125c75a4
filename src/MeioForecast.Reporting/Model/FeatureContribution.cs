namespace MeioForecast.Reporting.Model;

/// <summary>One row of explanation_details.csv: the TreeSHAP drill-down of a demand driver to a forecast feature group.</summary>
/// <param name="Sku">Sku id.</param>
/// <param name="Location">Location id.</param>
/// <param name="Driver">The driver it details, e.g. <c>demand_level</c>.</param>
/// <param name="Detail">The feature (group) or event, e.g. <c>promotion</c>.</param>
/// <param name="Contribution">Contribution in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit of the contribution.</param>
public sealed record FeatureContribution(string Sku, string Location, string Driver, string Detail, double Contribution, string Unit);
