namespace MeioForecast.Reporting.Model;

/// <summary>One row of explanations.csv: a driver's exact Shapley contribution to one measure of one sku-node.</summary>
/// <param name="Sku">Sku id.</param>
/// <param name="Location">Location id.</param>
/// <param name="Measure"><c>safety_stock</c>, <c>base_stock</c> or <c>holding_cost</c>.</param>
/// <param name="Driver">Driver code, e.g. <c>demand_level</c>.</param>
/// <param name="Contribution">The driver's contribution, in <paramref name="Unit"/>.</param>
/// <param name="Unit"><c>units</c> or <c>currency/year</c>.</param>
/// <param name="Baseline"><c>previous_run</c> or <c>single_echelon</c>.</param>
/// <param name="Previous">The measure at the baseline.</param>
/// <param name="Current">The measure in this run.</param>
public sealed record DriverContribution(
    string Sku,
    string Location,
    string Measure,
    string Driver,
    double Contribution,
    string Unit,
    string Baseline,
    double Previous,
    double Current);
