namespace MeioForecast.Reporting.Model;

/// <summary>A promotion or holiday from the input signals, marked on the fan chart.</summary>
/// <param name="Date">Period of the event.</param>
/// <param name="Signal">Signal name, e.g. <c>holiday</c> or <c>promotion_depth</c>.</param>
/// <param name="Value">Signal value (e.g. promotion depth).</param>
/// <param name="Sku">Sku it applies to; null for every sku.</param>
/// <param name="Location">Location it applies to; null for every location.</param>
public sealed record SignalMark(DateOnly Date, string Signal, double Value, string? Sku, string? Location);
