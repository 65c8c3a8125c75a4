using System.Globalization;
using MeioForecast.Core.Demand;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting;

namespace MeioForecast.Storage.Input;

/// <summary>
/// The forecasters' <see cref="FutureSignalRule"/> on a loaded input, forecast from the end of its demand series over
/// the settings' horizon: one error per known signal that breaks it, naming the first sku-node (in sku-node order), its
/// first date without a value and how many other sku-nodes break it, so that the run fails at validation (exit 2)
/// instead of inside a model fit.
/// </summary>
internal static class FutureSignalCheck
{
    public static void Check(PlanningInput input, InputErrors errors)
    {
        var horizon = input.Settings.Horizon;
        foreach (var (name, kind) in input.Signals.Kinds)
        {
            if (kind != SignalKind.KnownInAdvance)
            {
                continue;
            }

            (DemandSeries Series, DateOnly Date)? first = null;
            var count = 0;
            foreach (var series in input.Demand)
            {
                if (FutureSignalRule.FirstMissing(input.Signals, name, series, horizon) is { } date)
                {
                    first ??= (series, date);
                    count++;
                }
            }

            if (first is { } f)
            {
                var more = count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (and {count - 1} more sku-node{(count > 2 ? "s" : "")})") : "";
                errors.Add(InputFiles.Signals, 0, "signal", InputRule.MissingFutureSignal, string.Create(CultureInfo.InvariantCulture,
                    $"known signal '{name}' has a value for {f.Series.Key.Sku} at {f.Series.Key.Location} on the forecast origin {f.Series.End:yyyy-MM-dd} but none on {f.Date:yyyy-MM-dd}{more}: a known signal a series has at its last demand period needs a value on each of the {horizon} forecast periods (to {f.Series.DateAt(f.Series.Length - 1 + horizon):yyyy-MM-dd})"));
            }
        }
    }
}
