using System.Globalization;
using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;

namespace MeioForecast.Forecasting.Gbt;

/// <summary>
/// Leakage-free direct features of a global model over all sku-nodes, for a maximum horizon H: the series, sku and
/// location codes (categorical); target lags L &gt;= H (H, H+1, H+2 and the first seasonal lag &gt;= H); means of the
/// last 1, 2 and 4 seasonal cycles ending at t - H; calendar (day of week for daily data, week of year, month); each
/// known-in-advance signal at t and each observed-only signal at t - H. Every value is known at the origin T for any
/// target t in T+1..T+H.
/// </summary>
internal sealed class ForecastFeatures
{
    private readonly int _h;
    private readonly int _m;
    private readonly PeriodKind _period;
    private readonly int[] _lags;
    private readonly int[] _windows;
    private readonly string[] _known;
    private readonly string[] _observed;
    private readonly Dictionary<string, int> _skuCodes;
    private readonly Dictionary<string, int> _locationCodes;

    public ForecastFeatures(PeriodKind period, int horizon, IReadOnlyList<DemandSeries> series, SignalTable signals)
    {
        _h = horizon;
        _period = period;
        _m = period.SeasonLength();
        var seasonal = _m * (int)Math.Ceiling((double)horizon / _m);
        _lags = new[] { horizon, horizon + 1, horizon + 2, seasonal }.Distinct().Order().ToArray();
        _windows = [_m, 2 * _m, 4 * _m];
        _known = signals.Kinds.Where(k => k.Value == SignalKind.KnownInAdvance).Select(k => k.Key).ToArray();
        _observed = signals.Kinds.Where(k => k.Value == SignalKind.ObservedOnly).Select(k => k.Key).ToArray();
        _skuCodes = series.Select(s => s.Key.Sku).Distinct().Order(StringComparer.Ordinal).Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        _locationCodes = series.Select(s => s.Key.Location).Distinct().Order(StringComparer.Ordinal).Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        var names = new List<string> { "series", "sku", "location" };
        names.AddRange(_lags.Select(l => "lag" + l.ToString(CultureInfo.InvariantCulture)));
        names.AddRange(_windows.Select(w => "mean" + w.ToString(CultureInfo.InvariantCulture)));
        names.AddRange(period == PeriodKind.Day ? ["day_of_week", "week_of_year", "month"] : ["week_of_year", "month"]);
        names.AddRange(_known.Select(k => "known_" + k));
        names.AddRange(_observed.Select(k => "observed_" + k));
        Names = [.. names];
        Categorical = Names.Select(n => n is "series" or "sku" or "location" or "day_of_week").ToArray();
    }

    /// <summary>Feature names.</summary>
    public string[] Names { get; }

    /// <summary>Categorical flags.</summary>
    public bool[] Categorical { get; }

    /// <summary>
    /// Feature values of series <paramref name="s"/> at period index <paramref name="t"/> (t may exceed the history by up
    /// to H). Known-in-advance signals missing in the future throw <see cref="MissingFutureSignalException"/>.
    /// </summary>
    public void Fill(int s, DemandSeries series, int t, SignalTable signals, Span<double> row, bool future)
    {
        var k = 0;
        row[k++] = s;
        row[k++] = _skuCodes.TryGetValue(series.Key.Sku, out var sc) ? sc : -1;
        row[k++] = _locationCodes.TryGetValue(series.Key.Location, out var lc) ? lc : -1;
        foreach (var l in _lags)
        {
            row[k++] = t - l >= 0 && t - l < series.Length ? series.Quantities[t - l] : double.NaN;
        }

        var end = t - _h;
        foreach (var w in _windows)
        {
            double sum = 0;
            var n = 0;
            for (var i = Math.Max(0, end - w + 1); i <= end && i < series.Length; i++)
            {
                sum += series.Quantities[i];
                n++;
            }

            row[k++] = n > 0 ? sum / n : double.NaN;
        }

        var date = series.DateAt(t);
        if (_period == PeriodKind.Day)
        {
            row[k++] = (int)date.DayOfWeek;
        }

        row[k++] = ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue));
        row[k++] = date.Month;
        foreach (var name in _known)
        {
            if (signals.TryGetValue(name, date, series.Key, out var v))
            {
                row[k++] = v;
            }
            else if (future)
            {
                throw new MissingFutureSignalException(name, series.Key, date);
            }
            else
            {
                row[k++] = double.NaN;
            }
        }

        var past = series.DateAt(t - _h);
        foreach (var name in _observed)
        {
            row[k++] = signals.TryGetValue(name, past, series.Key, out var v) ? v : double.NaN;
        }
    }

    /// <summary>The training table: one row per (series, t) with t &gt;= H.</summary>
    public GbdtDataset TrainingSet(IReadOnlyList<DemandSeries> series, SignalTable signals)
    {
        var rows = series.Sum(s => Math.Max(0, s.Length - _h));
        var cols = Names.Select(_ => new double[rows]).ToArray();
        var label = new double[rows];
        var row = new double[Names.Length];
        var r = 0;
        for (var s = 0; s < series.Count; s++)
        {
            for (var t = _h; t < series[s].Length; t++)
            {
                Fill(s, series[s], t, signals, row, future: false);
                for (var f = 0; f < row.Length; f++)
                {
                    cols[f][r] = row[f];
                }

                label[r++] = series[s].Quantities[t];
            }
        }

        return new GbdtDataset(Names, cols, label, null, Categorical);
    }
}
