using MeioForecast.Core.Demand;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Features;
using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Forecasting.Global;

/// <summary>
/// Direct multi-horizon global quantile GBDT over all sku-nodes, the recipe of the M5 winners (Makridakis, Spiliotis
/// &amp; Assimakopoulos 2022, "M5 accuracy competition: results, findings, and conclusions", IJF 38(4); quantile GBDTs
/// per level as in Friedman 2001, Ann. Statist. 29(5)).
/// <list type="bullet">
/// <item>Rows: the leakage-free rows of <see cref="DirectFeatureBuilder"/> at many origins t per series (the latest
/// <see cref="GlobalGbdtOptions.MaxOrigins"/>, every <see cref="GlobalGbdtOptions.OriginStep"/> periods; when
/// <see cref="GlobalGbdtOptions.MaxTrainingRows"/> binds, fewer origins spread over the same span, so that the
/// seasonal cycle stays covered), each with targets t + h for a rotating subset of horizons
/// (<see cref="GlobalGbdtOptions.HorizonStride"/>).</item>
/// <item>Horizon h is a feature of one model per level rather than one model per horizon: H models per level would
/// multiply training time by H and split the rows H ways, while the trees can still separate horizons where the
/// features' meaning changes with h (the seasonal lag is the first one at least h back).</item>
/// <item>Target scaled per series by its mean at the origin (<see cref="DirectFeatureBuilder.Scale"/>); predictions are
/// multiplied back and clipped at zero. Rows weigh scale^<see cref="GlobalGbdtOptions.ScaleWeightPower"/>.</item>
/// <item>One GBDT per level alpha_k (<see cref="MultiQuantileGbdt"/>), early-stopped on the rows whose target lies in
/// the last <see cref="GlobalGbdtOptions.ValidationPeriods"/> periods (a time-based split), then trained again on all
/// rows with that tree count (<see cref="GlobalGbdtOptions.RefitOnAllRows"/>); quantiles are rearranged (sorted) per
/// row, so they never cross. Rows whose target period is no demand observation
/// (<see cref="GlobalGbdtOptions.AvailabilitySignal"/>) are left out, and such periods of the history are missing
/// values in the features (<see cref="GlobalGbdtOptions.UnavailableAsMissing"/>).</item>
/// </list>
/// Deterministic: rows are built in a fixed order and the engine does not depend on the thread count.
/// </summary>
public sealed class GlobalGbdtForecaster : IForecaster
{
    private readonly GlobalGbdtOptions _options;
    private readonly IProgress<GbdtProgress>? _progress;

    /// <summary>Creates the forecaster with validated options; <paramref name="progress"/> hears of every tree grown.</summary>
    public GlobalGbdtForecaster(GlobalGbdtOptions? options = null, IProgress<GbdtProgress>? progress = null)
    {
        _options = options ?? new GlobalGbdtOptions();
        _options.Validate();
        _progress = progress;
    }

    /// <inheritdoc />
    public string Name => "gbdt";

    /// <summary>The options.</summary>
    public GlobalGbdtOptions Options => _options;

    /// <inheritdoc />
    public IForecastModel Fit(ForecastTrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Series.Count == 0)
        {
            throw new ArgumentException("No series to learn from.", nameof(data));
        }

        var options = _options.For(data);
        var period = data.Period;
        var h = options.HorizonFor(period);
        var builder = new DirectFeatureBuilder(period, data.Series, data.Signals, h, options.Features, missingWhere: options.MissingHistorySignal);
        var rows = TrainingRows(data.Series, period, h);
        if (options.AvailabilitySignal is { } availability)
        {
            rows = rows.Where(r => Observed(data.Signals, availability, data.Series[r.Series], r.Origin + r.Horizon)).ToList();
        }

        if (rows.Count == 0)
        {
            throw new ArgumentException("Every series is too short to give a training row.", nameof(data));
        }

        var (train, valid) = Tables(builder, data.Series, rows);
        var gbdt = options.Gbdt with { Seed = data.Seed };
        if (valid is null)
        {
            gbdt = gbdt with { EarlyStoppingRound = 0 };
        }

        var all = valid is not null && options.RefitOnAllRows && gbdt.EarlyStoppingRound > 0 ? Gather(train, valid, rows) : null;
        var model = new MultiQuantileGbdt(options.LevelsFor(data), gbdt).Fit(train, valid, _progress, all);
        return new GlobalGbdtModel(period, data.Series, data.Signals, h, options.Features, builder.Names, model, Name, FeatureVocabulary.Of(data.Series), options.MissingHistorySignal);
    }

    /// <summary>
    /// The training rows (series, origin, horizon, validation flag), in a fixed order: origins from the latest back,
    /// horizons rotating with the origin index.
    /// </summary>
    internal List<(int Series, int Origin, int Horizon, bool Valid)> TrainingRows(IReadOnlyList<DemandSeries> series, PeriodKind period, int h)
    {
        var step = _options.OriginStepFor(period);
        var stride = _options.HorizonStrideFor(period);
        var perOrigin = (h + stride - 1) / stride;
        var cap = Math.Max(4, _options.MaxTrainingRows / Math.Max(1, series.Count * perOrigin));
        var minOrigin = Math.Min(6, h);

        // The span the origins cover: MaxOrigins steps, or the history there is when shorter, so that thinning spreads
        // the origins over the data rather than over periods that do not exist.
        var span = Math.Max(1, Math.Min(_options.MaxOriginsFor(period) * step, series.Max(s => s.Length) - 1 - minOrigin));
        var originsPerSeries = Math.Min(_options.MaxOriginsFor(period), cap);

        // Origin i sits floor(i x span / origins) back, not i x floor(span / origins): the floored step would round
        // 52 weeks / 37 origins down to 1 and leave the oldest 15 weeks of the span, a third of the cycle, untrained.
        var v = _options.ValidationPeriods ?? h;
        var end = series.Max(s => s.End);
        var rows = new List<(int, int, int, bool)>();
        for (var s = 0; s < series.Count; s++)
        {
            var n = series[s].Length;
            var lastIndex = period.Between(series[s].Start, end);
            var validFrom = lastIndex - v + 1;
            for (var i = 0; i < originsPerSeries; i++)
            {
                var t = n - 2 - Math.Max(i * step, (int)((long)i * span / originsPerSeries));
                if (t < minOrigin)
                {
                    break;
                }

                for (var k = 1; k <= h && t + k < n; k++)
                {
                    if ((k + i) % stride == 0)
                    {
                        rows.Add((s, t, k, v > 0 && t + k >= validFrom));
                    }
                }
            }
        }

        return rows;
    }

    /// <summary>False when <paramref name="signal"/> is 0 at period <paramref name="index"/> of <paramref name="series"/> (no value counts as observed).</summary>
    internal static bool Observed(SignalTable signals, string signal, DemandSeries series, int index) =>
        !signals.TryGetValue(signal, series.DateAt(index), series.Key, out var v) || v != 0;

    private (GbdtDataset Train, GbdtDataset? Valid) Tables(DirectFeatureBuilder builder, IReadOnlyList<DemandSeries> series, List<(int Series, int Origin, int Horizon, bool Valid)> rows)
    {
        var validCount = rows.Count(r => r.Valid);
        if (validCount == rows.Count)
        {
            validCount = 0;
        }

        var trainRows = rows.Where(r => validCount == 0 || !r.Valid).ToArray();
        var validRows = validCount == 0 ? [] : rows.Where(r => r.Valid).ToArray();
        var train = Table(builder, series, trainRows);
        return (train, validRows.Length == 0 ? null : Table(builder, series, validRows));
    }

    /// <summary>
    /// The table of all rows in their original order, copied from the train and validation tables (rows flagged valid
    /// went to <paramref name="valid"/>, the others to <paramref name="train"/>, both in order) instead of filling every
    /// feature again: the same values, about half the feature work of a fit with refit.
    /// </summary>
    private static GbdtDataset Gather(GbdtDataset train, GbdtDataset valid, List<(int Series, int Origin, int Horizon, bool Valid)> rows)
    {
        var width = train.Columns.Count;
        var columns = new double[width][];
        var label = new double[rows.Count];
        var weight = train.Weights is null ? null : new double[rows.Count];
        var source = new (bool Valid, int Index)[rows.Count];
        int t = 0, v = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            source[r] = rows[r].Valid ? (true, v++) : (false, t++);
        }

        Parallel.For(0, width, c =>
        {
            var (a, b) = (train.Columns[c], valid.Columns[c]);
            var column = new double[rows.Count];
            for (var r = 0; r < column.Length; r++)
            {
                column[r] = source[r].Valid ? b[source[r].Index] : a[source[r].Index];
            }

            columns[c] = column;
        });
        for (var r = 0; r < rows.Count; r++)
        {
            var (fromValid, i) = source[r];
            label[r] = fromValid ? valid.Label![i] : train.Label![i];
            if (weight is not null)
            {
                weight[r] = fromValid ? valid.Weights![i] : train.Weights![i];
            }
        }

        return new GbdtDataset(train.FeatureNames, columns, label, weight, train.Categorical);
    }

    private GbdtDataset Table(DirectFeatureBuilder builder, IReadOnlyList<DemandSeries> series, (int Series, int Origin, int Horizon, bool Valid)[] rows)
    {
        var width = builder.Names.Count;
        var columns = new double[width][];
        for (var c = 0; c < width; c++)
        {
            columns[c] = new double[rows.Length];
        }

        var label = new double[rows.Length];
        var weight = _options.ScaleWeightPower == 0 ? null : new double[rows.Length];
        Parallel.For(0, rows.Length, () => new double[width], (r, _, buffer) =>
        {
            var (s, t, h, _) = rows[r];
            builder.Fill(s, t, h, buffer);
            for (var c = 0; c < width; c++)
            {
                columns[c][r] = buffer[c];
            }

            var scale = builder.Scale(s, t);
            label[r] = series[s].Quantities[t + h] / scale;
            if (weight is not null)
            {
                weight[r] = Math.Pow(scale, _options.ScaleWeightPower);
            }

            return buffer;
        }, _ => { });
        return new GbdtDataset(builder.Names, columns, label, weight, builder.Categorical);
    }
}
