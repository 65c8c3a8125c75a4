namespace MeioForecast.Reporting.Model;

/// <summary>One row of forecasts.csv: the quantiles of one sku-node's demand in one forecast period.</summary>
/// <param name="Sku">Sku id.</param>
/// <param name="Location">Location id.</param>
/// <param name="Date">Period start.</param>
/// <param name="Method">Forecaster that served the sku-node.</param>
/// <param name="Quantiles">Quantiles in the order of <see cref="RunReportData.QuantileLevels"/>, units/period.</param>
public sealed record ForecastLine(string Sku, string Location, DateOnly Date, string Method, IReadOnlyList<double> Quantiles);
