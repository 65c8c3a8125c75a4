namespace MeioForecast.Forecasting.Backtesting.Replay;

/// <summary>
/// What identifies one recorded prediction: the forecaster, the last date of the history it was fitted on, and the
/// request's horizon and levels (the stage asks its candidates for its selection levels in its inner backtest and for the
/// caller's levels at the end).
/// </summary>
/// <param name="Forecaster">The forecaster's <see cref="IForecaster.Name"/>.</param>
/// <param name="End">The last date of the training history (the forecast origin).</param>
/// <param name="Horizon">The request's horizon.</param>
/// <param name="Levels">The request's levels, as <see cref="LevelsText"/> writes them.</param>
public sealed record ForecastRecordKey(string Forecaster, DateOnly End, int Horizon, string Levels)
{
    /// <summary>The canonical text of a set of levels: their round-trip values joined by spaces.</summary>
    public static string LevelsText(IReadOnlyList<Core.Keys.QuantileLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        return string.Join(' ', levels.Select(l => l.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
