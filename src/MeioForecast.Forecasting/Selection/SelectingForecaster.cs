using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Forecasting.Baseline;
using MeioForecast.Forecasting.Calibration;
using MeioForecast.Forecasting.Global;
using MeioForecast.Forecasting.Ssa;

namespace MeioForecast.Forecasting.Selection;

/// <summary>
/// The forecasting stage of the planning run: per sku-node choice (or combination) among candidate forecasters by
/// backtest pinball loss, a fallback for new and intermittent series, and split-conformal calibration of the result.
/// <list type="number">
/// <item>Routing (documented rule): a sku-node with fewer than <see cref="SelectionOptions.MinHistory"/> periods is
/// <c>fallback-new</c>; one whose share of zero periods over the last <see cref="SelectionOptions.ZeroShareWindow"/>
/// periods (those <see cref="SelectionOptions.ScoreMaskSignal"/> does not mark 0) exceeds
/// <see cref="SelectionOptions.IntermittentZeroShare"/> is <c>fallback-intermittent</c>; both are served by
/// the fallback forecaster (by default the seasonal empirical quantiles of <see cref="SeasonalEmpiricalForecaster"/>,
/// whose empirical quantiles put a mass at zero for intermittent demand). The others are served by the candidates.</item>
/// <item>Selection backtest: <see cref="SelectionOptions.OriginsFor"/> rolling origins (Tashman 2000, IJF 16)
/// <see cref="SelectionOptions.Horizon"/> periods apart, the last one that many periods before the end of the data;
/// every candidate and the fallback are fitted on the history up to each and scored by pinball loss.</item>
/// <item>Rule: <see cref="SelectionRule.PooledCombine"/> (default) averages the candidates' quantiles level by level
/// (Vincentization) with one set of weights for all sku-nodes, those minimising the pooled backtest loss;
/// <see cref="SelectionRule.Select"/> takes per sku-node the candidate with the lowest mean loss (ties: the first);
/// <see cref="SelectionRule.Combine"/> averages with per sku-node weights 1/loss. A sku-node without a backtest score
/// takes the first candidate (pooled: the pooled weights).</item>
/// <item>Calibration: the held-out outcomes of the chosen forecasts give conformal adjustments per group (<c>model</c>,
/// <c>fallback-new</c>, <c>fallback-intermittent</c>; <see cref="ConformalCalibrator"/>, Romano, Patterson &amp; Candes
/// 2019, NeurIPS 32), by default on scores normalised by the forecast's level at each period (Lei et al. 2018), applied to the
/// final quantiles (interpolated between calibrated levels), which are then sorted and clipped at zero.</item>
/// </list>
/// The candidates are then refitted on the whole history. <see cref="SeriesForecast.Method"/> names what served each
/// sku-node: a candidate's own method (e.g. <c>gbdt</c>, <c>ssa</c>, <c>ssa-fallback-short</c>), a combination named by
/// its candidates in decreasing weight (<c>gbdt+ssa</c>: GBDT weighs more), or the fallback route.
/// </summary>
public sealed class SelectingForecaster : IForecaster
{
    private readonly IForecaster[] _candidates;
    private readonly IForecaster _fallback;
    private readonly SelectionOptions _options;

    /// <summary>Creates the stage; <paramref name="candidates"/> in order of preference.</summary>
    public SelectingForecaster(IReadOnlyList<IForecaster> candidates, IForecaster fallback, SelectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(fallback);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("At least one candidate forecaster is needed.", nameof(candidates));
        }

        _candidates = [.. candidates];
        _fallback = fallback;
        _options = options ?? new SelectionOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => _options.Rule == SelectionRule.Select ? "select" : "combine";

    /// <summary>
    /// The default stage: GBDT and SSA candidates, the seasonal empirical baseline as fallback. On daily data SSA uses a
    /// 91-day window (13 weeks) instead of its default of up to 364 days: the SVD cost grows with the window and the
    /// stage fits SSA twice (selection backtest and final fit); on data-samples this cuts SSA's CPU time about 20-fold.
    /// </summary>
    /// <param name="options">Selection options (null: defaults).</param>
    /// <param name="gbdt">The GBDT candidate (null: a <see cref="GlobalGbdtForecaster"/> with default options); a
    /// registered model passes its trained fits here.</param>
    /// <param name="around">Wraps each candidate and the fallback (null: none); a multi-window backtest records or replays them.</param>
    public static SelectingForecaster CreateDefault(SelectionOptions? options = null, IForecaster? gbdt = null, Func<IForecaster, IForecaster>? around = null)
    {
        around ??= f => f;
        return new([around(gbdt ?? new GlobalGbdtForecaster()), around(new QuickSsa())], around(new SeasonalEmpiricalForecaster()), options);
    }

    /// <inheritdoc />
    public IForecastModel Fit(ForecastTrainingData data) => FitCore(data, fixedCalibration: false, null, null).Model;

    /// <summary>
    /// Fits the stage and returns, with the model, what it fitted on all sku-nodes together: the conformal adjustments
    /// it applies (null: none) and the pooled combination weights (null unless the rule is <see cref="SelectionRule.PooledCombine"/>).
    /// </summary>
    public (IForecastModel Model, QuantileCalibration? Calibration, double[]? PooledWeights) FitCalibrated(ForecastTrainingData data) => FitCore(data, fixedCalibration: false, null, null);

    /// <summary>
    /// Fits the stage with the conformal adjustments fixed to <paramref name="calibration"/> and, under
    /// <see cref="SelectionRule.PooledCombine"/>, the weights fixed to <paramref name="pooledWeights"/> (a registered
    /// model's, fitted on all sku-nodes; null: none / refit from the data), so that any subset of the sku-nodes (a shard)
    /// is served alike.
    /// </summary>
    public IForecastModel Fit(ForecastTrainingData data, QuantileCalibration? calibration, double[]? pooledWeights = null) => FitCore(data, fixedCalibration: true, calibration, pooledWeights).Model;

    private (IForecastModel Model, QuantileCalibration? Calibration, double[]? PooledWeights) FitCore(ForecastTrainingData data, bool fixedCalibration, QuantileCalibration? given, double[]? givenWeights)
    {
        ArgumentNullException.ThrowIfNull(data);
        var calibration = fixedCalibration && _options.Calibrate ? given : null;
        var pooledRule = _options.Rule == SelectionRule.PooledCombine;
        if (givenWeights is not null && (!pooledRule || givenWeights.Length != _candidates.Length))
        {
            throw new ArgumentException($"Fixed weights need the pooled rule and one weight per candidate ({_candidates.Length}).", nameof(givenWeights));
        }

        double[]? pooled = fixedCalibration ? givenWeights : null;
        IReadOnlyList<ForecastOutcome> heldOut = [];
        var resolved = _options.For(data);
        var routes = data.Series.Select(s => Route(s, data.Period, resolved, data.Signals)).ToArray();
        var onEvent = EventPeriods.Of(data, resolved.Conformal.EventSignal);
        var volumes = data.Series.Select(s => ConformalCalibrator.Volume(s, _options.ZeroShareWindowFor(data.Period))).ToArray();
        var h = _options.HorizonFor(data.Period);
        var weights = new double[data.Series.Count][];
        var byKey = data.Series.Select((s, i) => (s.Key, i)).ToDictionary(p => p.Key, p => p.i);
        var origins = _options.OriginsFor(data.Period);
        if (pooled is not null)
        {
            // Weights and calibration both fixed: the selection backtest has nothing left to decide.
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = [.. pooled];
            }
        }
        else if (data.Series.Max(s => s.Length) >= (origins * h) + _options.MinHistoryFor(data.Period))
        {
            var bt = new BacktestOptions { Origins = origins, Horizon = h, Step = h, Levels = _options.LevelsFor(data), Seed = data.Seed, ScoreMaskSignal = resolved.ScoreMaskSignal };
            var results = _candidates.Select(c => RollingOriginBacktester.Run(c, data, bt)).ToArray();
            var candidateOutcomes = results.Select(r => r.Outcomes.ToDictionary(o => (o.Key, o.Origin))).ToArray();
            var losses = results.Select(r => r.Outcomes.GroupBy(o => o.Key).ToDictionary(g => g.Key, Loss)).ToArray();
            pooled = pooledRule
                ? PooledWeights(candidateOutcomes, results[0].Outcomes.Where(o => routes[byKey[o.Key]] == Routing.Model).Select(o => (o.Key, o.Origin)).ToArray())
                : null;
            foreach (var (key, i) in byKey)
            {
                weights[i] = pooled is not null ? [.. pooled] : Weights(losses.Select(l => l.TryGetValue(key, out var v) ? v : double.NaN).ToArray(), _options.Rule);
            }

            if (_options.Calibrate && !fixedCalibration)
            {
                var fallback = RollingOriginBacktester.Run(_fallback, data, bt);
                var outcomes = new List<ForecastOutcome>();
                foreach (var o in fallback.Outcomes)
                {
                    var i = byKey[o.Key];
                    outcomes.Add(routes[i] != Routing.Model ? o : o with { Quantiles = Mix(candidateOutcomes.Select(c => c[(o.Key, o.Origin)].Quantiles).ToArray(), weights[i]) });
                }

                calibration = ConformalCalibrator.Fit(outcomes, resolved.Conformal, k => routes[byKey[k]], k => volumes[byKey[k]], onEvent);
                heldOut = HeldOut(outcomes, o => ConformalCalibrator.Fit(o, resolved.Conformal, k => routes[byKey[k]], k => volumes[byKey[k]], onEvent), calibration, k => (routes[byKey[k]], volumes[byKey[k]]), onEvent);
            }
        }

        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] ??= Weights(new double[_candidates.Length].Select(_ => double.NaN).ToArray(), _options.Rule);
        }

        var models = _candidates.Select((c, k) => weights.Any(w => w[k] > 0) ? c.Fit(data) : null).ToArray();
        var fallbackModel = routes.Any(r => r != Routing.Model) ? _fallback.Fit(data) : null;
        return (new SelectingModel(_candidates.Select(c => c.Name).ToArray(), models, fallbackModel, routes, volumes, weights, calibration, _options.Rule, data.Period, resolved.ScoreMaskSignal, resolved.Conformal.EventSignal) { HeldOut = heldOut }, calibration, pooled);
    }

    /// <summary>
    /// The backtest outcomes as the stage would have served them: each origin's combined forecast calibrated by
    /// adjustments fitted on the other origins' outcomes (cross-conformal, Vovk 2015, Ann. Math. Artif. Intell. 74:9-28:
    /// the errors replayed stay out of sample for the calibration too); with a single origin there is no other, and the
    /// adjustments fitted on it are applied (in sample for the shift only, one value per level pooled over every
    /// sku-node and step).
    /// </summary>
    internal static IReadOnlyList<ForecastOutcome> HeldOut(
        IReadOnlyList<ForecastOutcome> outcomes,
        Func<IReadOnlyList<ForecastOutcome>, QuantileCalibration> fit,
        QuantileCalibration all,
        Func<SkuNode, (string Route, double Volume)> segment,
        Func<ForecastOutcome, int, bool>? onEvent = null)
    {
        var origins = outcomes.Select(o => o.Origin).Distinct().Order().ToArray();
        var result = new List<ForecastOutcome>(outcomes.Count);
        foreach (var origin in origins)
        {
            var others = outcomes.Where(o => o.Origin != origin).ToArray();
            var calibration = others.Length > 0 ? fit(others) : all;
            foreach (var o in outcomes.Where(o => o.Origin == origin))
            {
                var (route, volume) = segment(o.Key);
                var served = calibration.Apply(new SeriesForecast(o.Key, o.FirstDate, o.Levels, o.Quantiles, string.Empty), route, volume, onEvent is null ? null : t => onEvent(o, t));
                result.Add(o with { Quantiles = served.Quantiles });
            }
        }

        return result;
    }

    /// <summary>
    /// The route of a sku-node: <c>model</c>, <c>fallback-new</c> or <c>fallback-intermittent</c> (rule in the type's doc).
    /// With <see cref="SelectionOptions.ScoreMaskSignal"/> and <paramref name="signals"/>, the zero share counts only the
    /// periods of the window the signal does not mark 0: a closed shop or a period without a record is no evidence of
    /// intermittent demand (Rossmann stores with no data July-December 2014 read as 47 zero days of the 91 before
    /// 2015-02-14 and were served by the fallback at SPL 0.28-0.52; docs/forecasting.md). A window with no such period
    /// is intermittent: nothing recent says what the node sells.
    /// </summary>
    public static string Route(DemandSeries series, PeriodKind period, SelectionOptions options, SignalTable? signals = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        if (series.Length < options.MinHistoryFor(period))
        {
            return Routing.New;
        }

        var mask = signals is not null ? options.ScoreMaskSignal : null;
        var w = Math.Min(options.ZeroShareWindowFor(period), series.Length);
        var zeros = 0;
        var counted = 0;
        for (var i = series.Length - w; i < series.Length; i++)
        {
            if (mask is not null && signals!.TryGetValue(mask, series.DateAt(i), series.Key, out var flag) && flag == 0)
            {
                continue;
            }

            counted++;
            zeros += series.Quantities[i] <= 0 ? 1 : 0;
        }

        return counted == 0 || zeros > options.IntermittentZeroShare * counted ? Routing.Intermittent : Routing.Model;
    }

    /// <summary>Candidate weights from backtest losses (NaN = not scored): one-hot on the best, or 1/loss normalised.</summary>
    internal static double[] Weights(double[] losses, SelectionRule rule)
    {
        var w = new double[losses.Length];
        var best = -1;
        for (var k = 0; k < losses.Length; k++)
        {
            if (!double.IsNaN(losses[k]) && (best < 0 || losses[k] < losses[best]))
            {
                best = k;
            }
        }

        if (best < 0)
        {
            w[0] = 1;
            return w;
        }

        if (rule == SelectionRule.Select || losses[best] <= 0 || losses.Any(double.IsNaN))
        {
            w[best] = 1;
            return w;
        }

        var sum = losses.Sum(l => 1 / l);
        for (var k = 0; k < w.Length; k++)
        {
            w[k] = 1 / losses[k] / sum;
        }

        return w;
    }

    /// <summary>
    /// The weights of <see cref="SelectionRule.PooledCombine"/>: the point of the simplex grid with step 1/20 whose mix
    /// has the lowest pinball loss summed over <paramref name="keys"/> (sku-node outcomes at a backtest origin that every
    /// candidate scored), levels and scored periods; ties go to the first grid point (weight on earlier candidates first). No scored sku-node: the
    /// first candidate alone.
    /// </summary>
    internal static double[] PooledWeights(IReadOnlyList<IReadOnlyDictionary<(SkuNode Key, int Origin), ForecastOutcome>> outcomes, IReadOnlyList<(SkuNode Key, int Origin)> keys)
    {
        const int Grid = 20;
        var k = outcomes.Count;
        var scored = keys.Where(key => outcomes.All(o => o.ContainsKey(key))).ToArray();
        var best = new double[k];
        best[0] = 1;
        if (scored.Length == 0 || k == 1)
        {
            return best;
        }

        var bestLoss = double.PositiveInfinity;
        foreach (var units in Compositions(Grid, k))
        {
            var w = units.Select(u => u / (double)Grid).ToArray();
            double loss = 0;
            foreach (var key in scored)
            {
                var first = outcomes[0][key];
                var mixed = Mix(outcomes.Select(o => (double[,]?)o[key].Quantiles).ToArray(), w);
                loss += TotalLoss(first with { Quantiles = mixed });
            }

            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = w;
            }
        }

        return best;
    }

    /// <summary>All ways to split <paramref name="total"/> units among <paramref name="parts"/> parts, the first part largest first.</summary>
    private static IEnumerable<int[]> Compositions(int total, int parts)
    {
        if (parts == 1)
        {
            yield return [total];
            yield break;
        }

        for (var first = total; first >= 0; first--)
        {
            foreach (var rest in Compositions(total - first, parts - 1))
            {
                yield return [first, .. rest];
            }
        }
    }

    /// <summary>Weighted average of quantile tables [step, level] (zero-weight tables may be null).</summary>
    internal static double[,] Mix(IReadOnlyList<double[,]?> tables, double[] weights)
    {
        var first = tables.First(t => t is not null)!;
        var q = new double[first.GetLength(0), first.GetLength(1)];
        for (var k = 0; k < tables.Count; k++)
        {
            if (weights[k] == 0)
            {
                continue;
            }

            var t = tables[k]!;
            for (var i = 0; i < q.GetLength(0); i++)
            {
                for (var j = 0; j < q.GetLength(1); j++)
                {
                    q[i, j] += weights[k] * t[i, j];
                }
            }
        }

        return q;
    }

    /// <summary>Mean pinball loss of a sku-node's outcomes over their scored periods and levels (NaN when none is scored).</summary>
    private static double Loss(IEnumerable<ForecastOutcome> outcomes)
    {
        double sum = 0;
        var n = 0;
        foreach (var o in outcomes)
        {
            var (s, c) = Pinball(o);
            sum += s;
            n += c;
        }

        return n > 0 ? sum / n : double.NaN;
    }

    /// <summary>Summed pinball loss of an outcome over its scored periods and levels.</summary>
    private static double TotalLoss(ForecastOutcome o) => Pinball(o).Sum;

    private static (double Sum, int Count) Pinball(ForecastOutcome o)
    {
        double sum = 0;
        var n = 0;
        for (var t = 0; t < o.Actuals.Length; t++)
        {
            var y = o.Actuals[t];
            if (double.IsNaN(y))
            {
                continue;
            }

            for (var j = 0; j < o.Levels.Count; j++)
            {
                var p = o.Levels[j].Value;
                var q = o.Quantiles[t, j];
                sum += y >= q ? p * (y - q) : (1 - p) * (q - y);
                n++;
            }
        }

        return (sum, n);
    }

    /// <summary>SSA with a 91-period window on daily data, its defaults otherwise.</summary>
    private sealed class QuickSsa : IForecaster
    {
        public string Name => "ssa";

        public IForecastModel Fit(ForecastTrainingData data) =>
            new SsaForecaster(data.Period == PeriodKind.Day ? new SsaOptions { WindowSize = 91 } : new SsaOptions()).Fit(data);
    }
}
