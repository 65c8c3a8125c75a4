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
    private readonly SsaReconstruction? _reconstruction;
    private readonly SignalRegression _regression;
    private readonly IForecastModel? _fallback;

    private SsaSeriesFit(DemandSeries series, SsaSeriesSummary summary, double[]? adjusted, SsaReconstruction? reconstruction, SignalRegression regression, IForecastModel? fallback)
    {
        _series = series;
        Summary = summary;
        _adjusted = adjusted;
        _reconstruction = reconstruction;
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
            return new SsaSeriesFit(series, new SsaSeriesSummary(series.Key, fallback, 0, 0, 0, []), null, null, SignalRegression.None, baseline);
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
        SsaReconstruction reconstruction;
        var passes = columns.Count == 0 ? 1 : 2;
        var target = y;
        SsaDecomposition decomposition;
        var pass = 0;
        while (true)
        {
            if (columns.Count > 0)
            {
                regression = SignalRegression.Fit(names, columns, target, options.Ridge);
                var effect = regression.Effect(regression.Names.Select(s => columns[names.IndexOf(s)]).ToArray(), n);
                adjusted = y.Select((v, t) => v - effect[t]).ToArray();
            }

            decomposition = SsaDecomposition.Compute(adjusted, l);
            reconstruction = ChooseRank(decomposition, adjusted, series.Period, options);
            if (++pass == passes)
            {
                break;
            }

            var recon = reconstruction.Reconstructed();
            target = y.Select((v, t) => v - recon[t]).ToArray();
        }

        var summary = new SsaSeriesSummary(series.Key, "ssa", l, reconstruction.Rank, decomposition.ExplainedShare(reconstruction.Rank), regression.Names);
        return new SsaSeriesFit(series, summary, adjusted, reconstruction, regression, null);
    }

    private static SsaReconstruction ChooseRank(SsaDecomposition d, double[] a, PeriodKind period, SsaOptions options)
    {
        var l = d.WindowLength;
        var maxRank = Math.Min(options.MaxRank ?? Math.Max(1, Math.Min(l / 2, 30)), l - 1);
        if (options.RankSelection == SsaRankSelection.Explicit)
        {
            return Feasible(d, Math.Min(options.Rank!.Value, maxRank));
        }

        if (options.RankSelection == SsaRankSelection.VarianceThreshold)
        {
            return Feasible(d, Math.Min(d.RankForShare(options.VarianceThreshold), maxRank));
        }

        var n = a.Length;
        var h = Math.Max(1, Math.Min(options.EffectiveSelectionHorizon(period), n - l));
        var last = n - h;
        var first = Math.Max(l, last - options.EffectiveSeriesLength(period) + 1);
        var candidates = new List<(SsaReconstruction R, double Error)>();
        foreach (var r in d.UpToRank(maxRank))
        {
            var error = double.PositiveInfinity;
            if (r.CanForecast)
            {
                var sum = 0.0;
                var count = 0;
                for (var o = first; o <= last; o++)
                {
                    var f = r.ForecastFrom(o, h);
                    for (var s = 0; s < h; s++)
                    {
                        sum += Math.Abs(a[o + s] - f[s]);
                        count++;
                    }
                }

                error = count == 0 ? 0.0 : sum / count;
            }

            candidates.Add((r, error));
        }

        var best = candidates.Min(c => c.Error);
        if (double.IsPositiveInfinity(best))
        {
            return Feasible(d, 1);
        }

        return candidates.First(c => c.Error <= best * (1 + options.RankTolerance) + 1e-12).R;
    }

    /// <summary>The largest rank &lt;= <paramref name="rank"/> whose LRR exists (nu^2 &lt; 1).</summary>
    private static SsaReconstruction Feasible(SsaDecomposition d, int rank)
    {
        for (var r = rank; r >= 1; r--)
        {
            var rec = d.AtRank(r);
            if (rec.CanForecast)
            {
                return rec;
            }
        }

        return d.AtRank(1);
    }

    /// <summary>Future values of the regression's signals; throws when one is absent inside the horizon.</summary>
    public IReadOnlyList<double[]> FutureSignals(SignalTable signals, int horizon)
    {
        var result = new double[_regression.Names.Length][];
        for (var j = 0; j < result.Length; j++)
        {
            var name = _regression.Names[j];
            var values = signals.Series(name, _series.Key, _series.Period, _series.DateAt(_series.Length), horizon);
            for (var t = 0; t < horizon; t++)
            {
                if (!double.IsFinite(values[t]))
                {
                    throw new MissingFutureSignalException(name, _series.Key, _series.DateAt(_series.Length + t));
                }
            }

            result[j] = values;
        }

        return result;
    }

    public SeriesForecast Predict(ForecastRequest request, IReadOnlyList<double[]> futureSignals, SsaOptions options)
    {
        if (_fallback is not null)
        {
            var f = _fallback.Predict(request with { Signals = SignalTable.Empty })[0];
            return new SeriesForecast(f.Key, f.FirstDate, f.Levels, f.Quantiles, Summary.Method);
        }

        var a = _adjusted!;
        var rec = _reconstruction!;
        var h = request.Horizon;
        var point = rec.Forecast(h);
        var effect = _regression.Effect(futureSignals, h);
        var errors = StepErrors(a, rec, h, options.EffectiveSeriesLength(_series.Period));
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

    /// <summary>Errors a[o+s] - forecast_o[s] per step s, from origins o in [max(L, n - count), n - 1].</summary>
    private static List<double>[] StepErrors(double[] a, SsaReconstruction rec, int horizon, int count)
    {
        var n = a.Length;
        var errors = new List<double>[horizon];
        for (var s = 0; s < horizon; s++)
        {
            errors[s] = [];
        }

        for (var o = Math.Max(rec.WindowLength, n - count); o < n; o++)
        {
            var steps = Math.Min(horizon, n - o);
            var f = rec.ForecastFrom(o, steps);
            for (var s = 0; s < steps; s++)
            {
                errors[s].Add(a[o + s] - f[s]);
            }
        }

        return errors;
    }
}
