namespace MeioForecast.Reporting.Model;

/// <summary>Demand history of one sku-node from the run's input (demand.csv), one value per period.</summary>
/// <param name="Sku">Sku id.</param>
/// <param name="Location">Location id.</param>
/// <param name="Start">Date of the first value.</param>
/// <param name="PeriodDays">Days per period (1 or 7).</param>
/// <param name="Quantities">Demand per period in units.</param>
public sealed record DemandHistoryLine(string Sku, string Location, DateOnly Start, int PeriodDays, IReadOnlyList<double> Quantities);
