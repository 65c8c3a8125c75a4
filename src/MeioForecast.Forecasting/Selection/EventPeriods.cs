using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Backtesting;

namespace MeioForecast.Forecasting.Selection;

/// <summary>
/// The periods the calibration's event signal marks (<see cref="Calibration.ConformalOptions.EventSignal"/>, the input's
/// promotion signal): those where it is above 0 for the sku-node.
/// </summary>
internal static class EventPeriods
{
    /// <summary>True when <paramref name="signal"/> is above 0 for <paramref name="key"/> at <paramref name="date"/>.</summary>
    public static bool On(SignalTable signals, string signal, SkuNode key, DateOnly date) => signals.TryGetValue(signal, date, key, out var v) && v > 0;

    /// <summary>
    /// Whether step t of a backtest outcome on <paramref name="data"/> is an event period; null without a signal. A signal
    /// the data do not have is refused by name: every period would silently read as no event.
    /// </summary>
    public static Func<ForecastOutcome, int, bool>? Of(ForecastTrainingData data, string? signal)
    {
        if (signal is null)
        {
            return null;
        }

        if (!data.Signals.Kinds.ContainsKey(signal))
        {
            throw new ArgumentException($"The calibration's event signal '{signal}' is not among the input's signals ({string.Join(", ", data.Signals.Names)}).", nameof(signal));
        }

        return (o, t) => On(data.Signals, signal, o.Key, data.Period.Add(o.FirstDate, t));
    }
}
