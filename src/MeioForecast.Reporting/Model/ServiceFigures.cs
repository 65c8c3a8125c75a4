namespace MeioForecast.Reporting.Model;

/// <summary>Simulated figures of one placement from metrics.json (<c>placement</c> or <c>single_echelon</c>).</summary>
/// <param name="Method">Placement method, e.g. <c>network-gsm</c>.</param>
/// <param name="CustomerService">Mean simulated cycle service at customer-facing nodes (fraction).</param>
/// <param name="CustomerTarget">Mean target at those nodes (fraction).</param>
/// <param name="NodesBelowTarget">Customer-facing nodes below target beyond the tolerance.</param>
/// <param name="SafetyStock">Total safety stock, units.</param>
/// <param name="HoldingCost">Total holding cost, currency/year.</param>
/// <param name="ExpeditedUnitsPerPeriod">Units expedited per period in the simulation.</param>
public sealed record ServiceFigures(
    string Method,
    double CustomerService,
    double CustomerTarget,
    int NodesBelowTarget,
    double SafetyStock,
    double HoldingCost,
    double ExpeditedUnitsPerPeriod);
