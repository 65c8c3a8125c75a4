using System.Globalization;
using MeioForecast.Core.Demand;
using MeioForecast.Core.Planning;

namespace MeioForecast.Forecasting.Features;

/// <summary>
/// Leakage-free features for direct multi-horizon forecasting with one global model over all sku-nodes (the design
/// of the M5 winners, Makridakis, Spiliotis &amp; Assimakopoulos 2022, IJF 38(4)): a row describes origin t (the last
/// observed period) and target period T = t + h, with the horizon h as a feature.
/// <list type="bullet">
/// <item>Target history: only y[0..t] is read (enforced: reading past the origin throws), scaled by the series' mean
/// at the origin so that small and large series share one model: last value, rolling means and a rolling standard
/// deviation, exponentially weighted means, share of zeros, periods since the last non-zero, same-weekday lags that
/// are at least h back, the yearly lag when it precedes the origin, and a trend ratio.</item>
/// <item>Calendar of T: day of week (categorical), week of year, month, day of month.</item>
/// <item>Known-in-advance signals (price, promotion, holidays) at T, their change against the recent mean at the
/// origin, and for 0/1 event signals the periods to the next and since the previous event around T.</item>
/// <item>Observed-only signals (weather) at the origin and their recent mean: never at T.</item>
/// <item>Sku and location as categorical codes (ordinal order of the training series).</item>
/// </list>
/// A history period that the availability signal marks 0 (a closed shop's day, a week without a record) is read as
/// missing, not as zero demand: its lag is NaN and windows average the periods observed (the treatment of the M5
/// winners' and scikit-learn's NaN features), so a store reopened after months closed is not forecast from zeros.
/// </summary>
public sealed class DirectFeatureBuilder
{
    private const int MaxSinceNonZero = 400;
    private readonly PeriodKind _period;
    private readonly IReadOnlyList<DemandSeries> _series;
    private readonly IReadOnlyList<double>[] _history;
    private readonly FeatureOptions _options;
    private readonly int[] _skuCode;
    private readonly int[] _locationCode;
    private readonly SignalColumn[] _known;
    private readonly SignalColumn[] _observed;
    private readonly List<string> _names = [];
    private readonly List<bool> _categorical = [];

    /// <summary>
    /// Prepares features for <paramref name="series"/> and forecasts up to <paramref name="maxHorizon"/> periods ahead.
    /// <paramref name="vocabulary"/> fixes the sku and location codes (a trained model's); by default they are coded in
    /// the ordinal order of <paramref name="series"/>' own keys. Periods where <paramref name="missingWhere"/> (a 0/1
    /// signal) is 0 are missing in the target history; null reads every period as observed.
    /// </summary>
    public DirectFeatureBuilder(PeriodKind period, IReadOnlyList<DemandSeries> series, SignalTable signals, int maxHorizon, FeatureOptions? options = null, FeatureVocabulary? vocabulary = null, string? missingWhere = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHorizon, 1);
        _options = options ?? new FeatureOptions();
        _options.Validate();
        _period = period;
        _series = series;
        _history = series.Select(s => Observed(s, signals, period, missingWhere)).ToArray();
        MaxHorizon = maxHorizon;
        vocabulary ??= FeatureVocabulary.Of(series);
        var skus = vocabulary.Skus.ToList();
        var locations = vocabulary.Locations.ToList();
        _skuCode = series.Select(s => skus.BinarySearch(s.Key.Sku, StringComparer.Ordinal)).ToArray();
        _locationCode = series.Select(s => locations.BinarySearch(s.Key.Location, StringComparer.Ordinal)).ToArray();
        var reach = _options.EventReachFor(period);
        _known = signals.Kinds.Where(k => k.Value == SignalKind.KnownInAdvance)
            .Select(k => SignalColumn.Load(k.Key, series, signals, period, maxHorizon + reach)).ToArray();
        _observed = signals.Kinds.Where(k => k.Value == SignalKind.ObservedOnly)
            .Select(k => SignalColumn.Load(k.Key, series, signals, period, 0)).ToArray();
        DefineNames();
    }

    /// <summary>The largest horizon rows may be built for.</summary>
    public int MaxHorizon { get; }

    /// <summary>Feature names, in column order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>True for categorical columns.</summary>
    public IReadOnlyList<bool> Categorical => _categorical;

    /// <summary>The known-in-advance signals the features use, by name.</summary>
    public IEnumerable<string> KnownSignals => _known.Select(k => k.Name);

    /// <summary>
    /// The per-series scale at origin <paramref name="origin"/>: mean demand over the observed periods of the scale
    /// window ending at the origin, or 1 when that window has no demand.
    /// </summary>
    public double Scale(int series, int origin)
    {
        var mean = new History(_history[series], origin).Mean(origin - _options.ScaleWindowFor(_period) + 1, origin);
        return mean > 0 ? mean : 1.0;
    }

    /// <summary>Builds one row per (series, origin) and horizon in <paramref name="horizons"/>; the target is NaN past the data.</summary>
    public FeatureFrame Build(IReadOnlyList<(int Series, int Origin)> origins, IReadOnlyList<int> horizons)
    {
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(horizons);
        var rows = origins.Count * horizons.Count;
        var columns = new double[_names.Count][];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = new double[rows];
        }

        var target = new double[rows];
        var scale = new double[rows];
        var seriesOf = new int[rows];
        var originOf = new int[rows];
        var horizonOf = new int[rows];
        var buffer = new double[_names.Count];
        var r = 0;
        foreach (var (s, t) in origins)
        {
            var sc = Scale(s, t);
            foreach (var h in horizons)
            {
                Fill(s, t, h, buffer);
                for (var c = 0; c < buffer.Length; c++)
                {
                    columns[c][r] = buffer[c];
                }

                var y = _series[s].Quantities;
                target[r] = t + h < y.Count ? y[t + h] / sc : double.NaN;
                scale[r] = sc;
                seriesOf[r] = s;
                originOf[r] = t;
                horizonOf[r] = h;
                r++;
            }
        }

        return new FeatureFrame(_names, _categorical, columns, target, scale, seriesOf, originOf, horizonOf);
    }

    /// <summary>Writes the features of series <paramref name="series"/>, origin <paramref name="origin"/>, horizon <paramref name="horizon"/> into <paramref name="row"/>.</summary>
    public void Fill(int series, int origin, int horizon, Span<double> row)
    {
        var s = _series[series];
        if (origin < 0 || origin >= s.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(origin), origin, $"The origin must be a period of the history of {s.Key} (0..{s.Length - 1}).");
        }

        if (horizon < 1 || horizon > MaxHorizon)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"The horizon must be in 1..{MaxHorizon}.");
        }

        var history = new History(_history[series], origin);
        var scale = Scale(series, origin);
        var targetIndex = origin + horizon;
        var date = s.DateAt(targetIndex);
        var windows = _options.WindowsFor(_period);
        var k = 0;
        row[k++] = horizon;
        row[k++] = _skuCode[series];
        row[k++] = _locationCode[series];
        if (_period == PeriodKind.Day)
        {
            row[k++] = (int)date.DayOfWeek;
        }

        row[k++] = ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue));
        row[k++] = date.Month;
        if (_period == PeriodKind.Day)
        {
            row[k++] = date.Day;
        }

        row[k++] = Math.Log(scale);
        row[k++] = history.At(origin) / scale;
        foreach (var w in windows)
        {
            row[k++] = history.Mean(origin - w + 1, origin) / scale;
        }

        var mid = windows[Math.Min(1, windows.Count - 1)];
        row[k++] = history.StandardDeviation(origin - mid + 1, origin) / scale;
        foreach (var alpha in _options.EwmAlphas)
        {
            row[k++] = history.Ewm(alpha) / scale;
        }

        row[k++] = history.ZeroShare(origin - mid + 1, origin);
        row[k++] = history.SinceNonZero(MaxSinceNonZero);
        var cycle = _period == PeriodKind.Day ? 7 : 52;
        var firstLag = cycle * (int)Math.Ceiling(horizon / (double)cycle);
        row[k++] = history.AtOrNaN(targetIndex - firstLag) / scale;
        row[k++] = SeasonalMean(history, targetIndex, firstLag, cycle, _period == PeriodKind.Day ? 4 : 2) / scale;
        var year = _period == PeriodKind.Day ? 364 : 52;
        row[k++] = targetIndex - year + 1 <= origin
            ? history.Mean(targetIndex - year - 1, Math.Min(targetIndex - year + 1, origin)) / scale
            : double.NaN;
        var longMean = history.Mean(origin - windows[^1] + 1, origin);
        row[k++] = longMean > 0 ? history.Mean(origin - mid + 1, origin) / longMean : double.NaN;
        var reach = _options.EventReachFor(_period);
        foreach (var signal in _known)
        {
            var values = signal.Values[series];
            var atTarget = values[targetIndex];
            row[k++] = atTarget;
            var recent = MeanIgnoringNaN(values, origin - mid + 1, origin);
            row[k++] = atTarget - recent;
            if (signal.IsEvent)
            {
                row[k++] = PeriodsToEvent(values, targetIndex, +1, reach);
                row[k++] = PeriodsToEvent(values, targetIndex, -1, reach);
            }
        }

        foreach (var signal in _observed)
        {
            var values = signal.Values[series];
            row[k++] = values[origin];
            row[k++] = MeanIgnoringNaN(values, origin - windows[0] + 1, origin);
        }
    }

    /// <summary>The demand history of <paramref name="series"/>, NaN where <paramref name="signal"/> is 0 (itself when no signal).</summary>
    private static IReadOnlyList<double> Observed(DemandSeries series, SignalTable signals, PeriodKind period, string? signal)
    {
        if (signal is null)
        {
            return series.Quantities;
        }

        var flags = signals.Series(signal, series.Key, period, series.Start, series.Length);
        var y = series.Quantities.ToArray();
        for (var i = 0; i < y.Length; i++)
        {
            if (flags[i] == 0)
            {
                y[i] = double.NaN;
            }
        }

        return y;
    }

    private static double SeasonalMean(History history, int targetIndex, int firstLag, int cycle, int count)
    {
        double sum = 0;
        var n = 0;
        for (var j = 0; j < count; j++)
        {
            var v = history.AtOrNaN(targetIndex - firstLag - j * cycle);
            if (!double.IsNaN(v))
            {
                sum += v;
                n++;
            }
        }

        return n > 0 ? sum / n : double.NaN;
    }

    private static double MeanIgnoringNaN(double[] values, int from, int to)
    {
        double sum = 0;
        var n = 0;
        for (var i = Math.Max(0, from); i <= to; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                sum += values[i];
                n++;
            }
        }

        return n > 0 ? sum / n : double.NaN;
    }

    private static double PeriodsToEvent(double[] values, int index, int direction, int reach)
    {
        for (var d = 0; d <= reach; d++)
        {
            var i = index + direction * d;
            if (i < 0 || i >= values.Length)
            {
                break;
            }

            if (values[i] > 0)
            {
                return d;
            }
        }

        return reach + 1;
    }

    private void DefineNames()
    {
        void Add(string name, bool categorical = false)
        {
            _names.Add(name);
            _categorical.Add(categorical);
        }

        var windows = _options.WindowsFor(_period);
        var mid = windows[Math.Min(1, windows.Count - 1)];
        Add("horizon");
        Add("sku", categorical: true);
        Add("location", categorical: true);
        if (_period == PeriodKind.Day)
        {
            Add("day_of_week", categorical: true);
        }

        Add("week_of_year");
        Add("month");
        if (_period == PeriodKind.Day)
        {
            Add("day_of_month");
        }

        Add("log_scale");
        Add("last");
        foreach (var w in windows)
        {
            Add($"mean_{w}");
        }

        Add($"std_{mid}");
        foreach (var alpha in _options.EwmAlphas)
        {
            Add($"ewm_{alpha.ToString(CultureInfo.InvariantCulture)}");
        }

        Add($"zero_share_{mid}");
        Add("since_nonzero");
        Add("seasonal_lag");
        Add("seasonal_mean");
        Add("yearly_lag");
        Add("trend_ratio");
        foreach (var signal in _known)
        {
            Add(signal.Name);
            Add(signal.Name + "_vs_recent");
            if (signal.IsEvent)
            {
                Add(signal.Name + "_next_event");
                Add(signal.Name + "_prev_event");
            }
        }

        foreach (var signal in _observed)
        {
            Add(signal.Name + "_at_origin");
            Add($"{signal.Name}_mean_{windows[0]}");
        }
    }
}
