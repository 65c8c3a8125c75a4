using MeioForecast.Forecasting;

namespace MeioForecast.Pipeline.Publishing;

/// <summary>The registered model a run forecasts with.</summary>
/// <param name="ModelId">Its id, or null when the run trains its forecaster itself.</param>
/// <param name="Forecaster">Its forecaster, or null with <paramref name="ModelId"/>.</param>
/// <param name="Notes">Why models were skipped (for the log).</param>
public sealed record ChosenModel(string? ModelId, IForecaster? Forecaster, IReadOnlyList<string> Notes);
