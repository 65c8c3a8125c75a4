using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Baseline;

namespace MeioForecast.Forecasting.Ssa;

/// <summary>The SSA fit of one sku-node, or its recorded fallback.</summary>
internal sealed class SsaSeriesFit
{
    private readonly DemandSeries _series;
    private readonly double[]? _adjusted;
    private readonly SsaWorkFit? _fit;
    private readonly SignalRegression _regression;
    private readonly IForecastModel? _fallback;

    private SsaSeriesFit(DemandSeries series, SsaSeriesSummary summary, double[]? adjusted, SsaWorkFit? fit, SignalRegression regression, IForecastModel? fallback)
    {
        _series = series;
        Summary = summary;
        _adjusted = adjusted;
        _fit = fit;
        _regression = regression;
        _fallback = fallback;
    }

    public SsaSeriesSummary Summary { get; }

    public static SsaSeriesFit Fit(DemandSeries series, SignalTable signals, IReadOnlyList<string> signalNames, SsaOptions options)
    {
        var take = Math.Min(series.Length, options.TrainSize ?? int.MaxValue);
        var start = series.DateAt(series.Length - take);
        var y = series.Quantities.Skip(series.Length - take).ToArray();
        var zeros = y.Count(v => v == 0.0);
        string? fallback = null;
        if (y.Length < options.MinHistory)
        {
            fallback = "ssa-fallback-short";
        }
        else if (zeros > options.IntermittentZeroShare * y.Length)
        {
            fallback = "ssa-fallback-intermittent";
        }

        if (fallback is not null)
        {
            var baseline = new SeasonalEmpiricalForecaster().Fit(new ForecastTrainingData(series.Period, [series], SignalTable.Empty));
            return new SsaSeriesFit(series, new SsaSeriesSummary(series.Key, fallback, 0, 0, 0, [], 0, double.NaN), null, null, SignalRegression.None, baseline);
        }

        var n = y.Length;
        var l = options.EffectiveWindow(series.Period, n);
        var columns = new List<double[]>();
        var names = new List<string>();
        foreach (var name in signalNames)
        {
            var col = signals.Series(name, series.Key, series.Period, start, n);
            if (col.Any(double.IsFinite))
            {
                names.Add(name);
                columns.Add(col.Select(v => double.IsFinite(v) ? v : 0.0).ToArray());
            }
        }

        var regression = SignalRegression.None;
        var adjusted = y;
        var passes = columns.Count == 0 ? 1 : 2;
        var target = y;
        var lag = options.SeasonalLag ?? series.Period.SeasonLength();
        var canDifference = n - lag >= options.MinHistory;
        SsaWorkFit fit;
        var pass = 0;
        while (true)
        {
            if (columns.Count > 0)
            {
                regression = SignalRegression.Fit(names, columns, target, options.Ridge);
                var effect = regression.Effect(regression.Names.Select(s => columns[names.IndexOf(s)]).ToArray(), n);
                adjusted = y.Select((v, t) => v - effect[t]).ToArray();
            }

            fit = options.Differencing switch
            {
                SsaDifferencing.Seasonal when canDifference => SsaWorkFit.Fit(adjusted, lag, series.Period, options),
                SsaDifferencing.Auto when canDifference && n < 3 * lag => SsaWorkFit.Fit(adjusted, lag, series.Period, options),
                SsaDifferencing.Auto when canDifference => Better(SsaWorkFit.Fit(adjusted, 0, series.Period, options), SsaWorkFit.Fit(adjusted, lag, series.Period, options)),
                _ => SsaWorkFit.Fit(adjusted, 0, series.Period, options),
            };
            if (++pass == passes)
            {
                break;
            }

            var recon = fit.ReconstructA(adjusted);
            target = y.Select((v, t) => v - recon[t]).ToArray();
        }

        var summary = new SsaSeriesSummary(series.Key, "ssa", fit.Decomposition.WindowLength, fit.Full.Rank, fit.Decomposition.ExplainedShare(fit.Full.Rank), regression.Names, fit.Lag, fit.ValidationError);
        return new SsaSeriesFit(series, summary, adjusted, fit, regression, null);
    }

    private static SsaWorkFit Better(SsaWorkFit plain, SsaWorkFit differenced) =>
        differenced.ValidationError < plain.ValidationError ? differenced : plain;

    /// <summary>
    /// Future values of the regression's signals. They must cover the horizon by <see cref="FutureSignalRule"/> (else
    /// <see cref="MissingFutureSignalException"/>), the GBDT's rule; what the rule lets be absent (a signal the series
    /// lacks at its last period) is read as 0, as the fit reads the history's gaps: a backtest origin inside a stretch
    /// without records (Rossmann's stores without rows in the second half of 2014) is forecast, not failed.
    /// </summary>
    public IReadOnlyList<double[]> FutureSignals(SignalTable signals, int horizon)
    {
        var result = new double[_regression.Names.Length][];
        for (var j = 0; j < result.Length; j++)
        {
            var name = _regression.Names[j];
            if (FutureSignalRule.FirstMissing(signals, name, _series, horizon) is { } missing)
            {
                throw new MissingFutureSignalException(name, _series.Key, missing);
            }

            var values = signals.Series(name, _series.Key, _series.Period, _series.DateAt(_series.Length), horizon);
            for (var t = 0; t < horizon; t++)
            {
                if (!double.IsFinite(values[t]))
                {
                    values[t] = 0.0;
                }
            }

            result[j] = values;
        }

        return result;
    }

    /// <summary>The series fitted.</summary>
    internal DemandSeries Series => _series;

    /// <summary>
    /// Per signal of the regression, its effect beta_j (x_j,t - mean_j) at each forecast period t (the terms of
    /// <see cref="SignalRegression.Effect"/>, a level shift of every quantile); none for a fallback series.
    /// </summary>
    internal (string[] Names, double[][] Effects) SignalEffects(SignalTable signals, int horizon)
    {
        if (_fallback is not null)
        {
            return ([], []);
        }

        var future = FutureSignals(signals, horizon);
        var effects = new double[_regression.Names.Length][];
        for (var j = 0; j < effects.Length; j++)
        {
            effects[j] = new double[horizon];
            for (var t = 0; t < horizon; t++)
            {
                effects[j][t] = _regression.Coefficients[j] * (future[j][t] - _regression.Means[j]);
            }
        }

        return (_regression.Names, effects);
    }

    public SeriesForecast Predict(ForecastRequest request, IReadOnlyList<double[]> futureSignals, SsaOptions options)
    {
        if (_fallback is not null)
        {
            var f = _fallback.Predict(request with { Signals = SignalTable.Empty })[0];
            return new SeriesForecast(f.Key, f.FirstDate, f.Levels, f.Quantiles, Summary.Method);
        }

        var a = _adjusted!;
        var fit = _fit!;
        var h = request.Horizon;
        var point = SsaWorkFit.ForecastA(fit.Full, fit.Mean, a, fit.Lag, a.Length, h);
        var effect = _regression.Effect(futureSignals, h);
        var errors = fit.StepErrors(a, h, options.InSampleErrors);
        var q = new double[h, request.Levels.Count];
        var pooled = new List<double>();
        for (var s = 0; s < h; s++)
        {
            pooled.AddRange(errors[s]);
            var e = errors[s].Count >= options.MinErrors ? errors[s] : pooled;
            var sorted = e.Order().ToArray();
            for (var j = 0; j < request.Levels.Count; j++)
            {
                var offset = sorted.Length == 0 ? 0.0 : SeasonalEmpiricalForecaster.EmpiricalQuantile(sorted, request.Levels[j].Value);
                q[s, j] = Math.Max(0.0, point[s] + effect[s] + offset);
            }
        }

        return new SeriesForecast(_series.Key, _series.DateAt(_series.Length), request.Levels, q, Summary.Method);
    }
}
