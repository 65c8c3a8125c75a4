using MeioForecast.Core.Demand;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Calibration;
using MeioForecast.Forecasting.Features;
using MeioForecast.Forecasting.Gbt;
using MeioForecast.Forecasting.Global;
using MeioForecast.Forecasting.Selection;

namespace MeioForecast.Forecasting.Trained;

/// <summary>
/// The planning run's forecasting stage (<see cref="SelectingForecaster.CreateDefault"/>) trained once and kept: what
/// in it is learned across sku-nodes is stored, what is learned per sku-node is refitted where it is used.
/// <list type="bullet">
/// <item>Stored: every fit of the global GBDT candidate (the final one and the selection backtest's, by offset from
/// the end of the data), each with its feature names and sku/location vocabulary, and the conformal adjustments
/// (pooled over all sku-nodes of a route group).</item>
/// <item>Refitted from the data it serves (<see cref="CreateForecaster"/>): routes, SSA and fallback fits and the
/// per-sku-node selection weights. These depend on each sku-node's own history only, so a shard of the sku-nodes gets
/// the same forecasts as the whole input; on the training data the forecasts equal those of the stage fitted in one go.</item>
/// </list>
/// </summary>
public sealed class TrainedStage
{
    internal TrainedStage(StageOptions options, PeriodKind period, IReadOnlyDictionary<int, GlobalGbdtFit> fits, QuantileCalibration? calibration, IReadOnlyList<double>? pooledWeights = null)
    {
        Options = options;
        Period = period;
        Fits = fits;
        Calibration = calibration;
        PooledWeights = pooledWeights;
    }

    /// <summary>The options it was trained with.</summary>
    public StageOptions Options { get; }

    /// <summary>Day or week.</summary>
    public PeriodKind Period { get; }

    /// <summary>Longest horizon served, periods.</summary>
    public int Horizon => Options.Gbdt.HorizonFor(Period);

    /// <summary>The GBDT fits by offset (periods before the end of the training data; 0 = the final fit).</summary>
    public IReadOnlyDictionary<int, GlobalGbdtFit> Fits { get; }

    /// <summary>The conformal adjustments applied to every forecast, or null when the stage did not calibrate.</summary>
    public QuantileCalibration? Calibration { get; }

    /// <summary>
    /// The combination weights of the candidates (gbdt, ssa) fitted on all sku-nodes under
    /// <see cref="SelectionRule.PooledCombine"/>; null for the other rules (and for stages registered before the rule).
    /// </summary>
    public IReadOnlyList<double>? PooledWeights { get; }

    /// <summary>The feature names of the final fit (of the latest fit when the GBDT never served a sku-node).</summary>
    public IReadOnlyList<string> FeatureNames => Fits.OrderBy(f => f.Key).Select(f => f.Value.FeatureNames).FirstOrDefault() ?? [];

    /// <summary>
    /// Trains the stage on <paramref name="data"/>; returns it with the fitted model, whose forecasts equal those of
    /// <see cref="SelectingForecaster"/> fitted on the same data. <paramref name="progress"/> hears of every GBDT tree.
    /// </summary>
    public static (TrainedStage Stage, IForecastModel Model) Train(ForecastTrainingData data, StageOptions? options = null, IProgress<GbdtProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options = (options ?? new StageOptions()).For(data);
        options.Validate();
        var recorder = new RecordingGbdt(new GlobalGbdtForecaster(options.Gbdt, progress), data.Period, data.Series.Max(s => s.End));
        var (model, calibration, pooled) = SelectingForecaster.CreateDefault(options.Selection, recorder).FitCalibrated(data);
        return (new TrainedStage(options, data.Period, new SortedDictionary<int, GlobalGbdtFit>(recorder.Fits.ToDictionary()), calibration, pooled), model);
    }

    /// <summary>
    /// The stage as a forecaster: Fit refits the per-sku-node parts on the data given and reuses the stored GBDT fits
    /// (matched by offset from the end of that data) and conformal adjustments.
    /// </summary>
    public IForecaster CreateForecaster() => new Forecaster(this);

    /// <summary>
    /// Why the stage cannot serve an input, or null when it can. The rule: same period; a horizon at least
    /// <paramref name="horizon"/>; and the feature names built from the input's series and signals (same feature
    /// options) equal the trained ones, i.e. the same known-in-advance and observed signals. Skus and locations unseen
    /// in training are allowed (an unseen category code).
    /// </summary>
    public string? Mismatch(PeriodKind period, IReadOnlyList<DemandSeries> series, SignalTable signals, int horizon)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(signals);
        if (period != Period)
        {
            return $"trained on {Period} periods, the input has {period} periods";
        }

        if (horizon > Horizon)
        {
            return $"trained for horizons up to {Horizon}, the run needs {horizon}";
        }

        if (series.Count == 0)
        {
            return null;
        }

        var names = new DirectFeatureBuilder(period, series, signals, Horizon, Options.Gbdt.Features).Names;
        if (!names.SequenceEqual(FeatureNames, StringComparer.Ordinal))
        {
            var missing = FeatureNames.Except(names, StringComparer.Ordinal).Take(3).ToArray();
            var extra = names.Except(FeatureNames, StringComparer.Ordinal).Take(3).ToArray();
            return $"the input's features differ (missing: {string.Join(", ", missing)}; new: {string.Join(", ", extra)})";
        }

        return null;
    }

    private sealed class Forecaster(TrainedStage stage) : IForecaster
    {
        public string Name => stage.Options.Selection.Rule == SelectionRule.Select ? "select" : "combine";

        public IForecastModel Fit(ForecastTrainingData data)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (data.Period != stage.Period)
            {
                throw new ArgumentException($"The trained stage serves {stage.Period} periods, not {data.Period}.", nameof(data));
            }

            if (data.Series.Count == 0)
            {
                // An empty shard: nothing to forecast.
                return new NoSeries();
            }

            var gbdt = new ReplayGbdt(stage, data.Series.Max(s => s.End));
            return SelectingForecaster.CreateDefault(stage.Options.Selection, gbdt).Fit(data, stage.Calibration, stage.PooledWeights?.ToArray());
        }
    }

    private sealed class NoSeries : IForecastModel
    {
        public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request) => [];
    }
}
