using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Forecasting.Calibration;

namespace MeioForecast.Forecasting.Selection;

/// <summary>
/// The fitted <see cref="SelectingForecaster"/>. A forecast period that the availability signal marks 0 (a day the shop
/// is closed) is forecast as zero at every level: no candidate learned such periods (they are neither trained on nor
/// scored), so what they say there is not demand.
/// </summary>
internal sealed class SelectingModel(
    string[] names,
    IForecastModel?[] models,
    IForecastModel? fallback,
    string[] routes,
    double[] volumes,
    double[][] weights,
    QuantileCalibration? calibration,
    SelectionRule rule,
    PeriodKind period,
    string? availabilitySignal,
    string? eventSignal) : IBacktestedModel
{
    /// <inheritdoc />
    public IReadOnlyList<ForecastOutcome> HeldOut { get; init; } = [];

    /// <summary>Candidate names, in weight order.</summary>
    public IReadOnlyList<string> Candidates => names;

    /// <summary>Route of each series.</summary>
    public IReadOnlyList<string> Routes => routes;

    /// <summary>Candidate weights of each series.</summary>
    public IReadOnlyList<double[]> Weights => weights;

    /// <summary>The fitted candidates (null where no series weighs them), in the order of <see cref="Candidates"/>.</summary>
    public IReadOnlyList<IForecastModel?> Models => models;

    public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var candidate = models.Select(m => m?.Predict(request)).ToArray();
        var fallbackForecasts = fallback?.Predict(request);
        var result = new SeriesForecast[routes.Length];
        for (var i = 0; i < routes.Length; i++)
        {
            SeriesForecast f;
            string method;
            if (routes[i] != Routing.Model)
            {
                f = fallbackForecasts![i];
                method = routes[i];
            }
            else
            {
                var w = weights[i];
                var best = Array.IndexOf(w, w.Max());
                f = candidate[best]![i];
                var combined = rule != SelectionRule.Select && w.Count(x => x > 0) > 1;
                method = combined ? CombinedName(w) : f.Method;
                if (combined)
                {
                    f = new SeriesForecast(f.Key, f.FirstDate, f.Levels, SelectingForecaster.Mix(candidate.Select(c => c?[i].Quantiles).ToArray(), w), method);
                }
            }

            result[i] = Unavailable(Calibrated(f, routes[i], volumes[i], method, request.Signals), request.Signals);
        }

        return result;
    }

    /// <summary><paramref name="f"/> with zero at every period the availability signal marks 0.</summary>
    private SeriesForecast Unavailable(SeriesForecast f, SignalTable signals)
    {
        if (availabilitySignal is null)
        {
            return f;
        }

        double[,]? q = null;
        for (var t = 0; t < f.Horizon; t++)
        {
            if (IsUnavailable(signals, f.Key, period.Add(f.FirstDate, t)))
            {
                q ??= (double[,])f.Quantiles.Clone();
                for (var j = 0; j < f.Levels.Count; j++)
                {
                    q[t, j] = 0.0;
                }
            }
        }

        return q is null ? f : new SeriesForecast(f.Key, f.FirstDate, f.Levels, q, f.Method);
    }

    /// <summary>True when the availability signal marks <paramref name="date"/> 0 for <paramref name="key"/>: the period is served as zero.</summary>
    internal bool IsUnavailable(SignalTable signals, SkuNode key, DateOnly date) =>
        availabilitySignal is not null && signals.TryGetValue(availabilitySignal, date, key, out var open) && open == 0;

    /// <summary>The candidates' names by decreasing weight, joined by '+', e.g. <c>gbdt+ssa</c>.</summary>
    private string CombinedName(double[] w) =>
        string.Join('+', Enumerable.Range(0, w.Length).Where(k => w[k] > 0).OrderByDescending(k => w[k]).ThenBy(k => k).Select(k => names[k]));

    private SeriesForecast Calibrated(SeriesForecast f, string segment, double volume, string method, SignalTable signals)
    {
        var q = new double[f.Horizon, f.Levels.Count];
        int? volumeClass = calibration is { VolumeBounds.Count: > 0 } ? calibration.VolumeClassOf(volume) : null;
        var row = new double[f.Levels.Count];
        for (var t = 0; t < f.Horizon; t++)
        {
            var multiplier = calibration?.MultiplierFor(f.Levels, f.Quantiles, t) ?? 0.0;
            bool? onEvent = eventSignal is null ? null : EventPeriods.On(signals, eventSignal, f.Key, period.Add(f.FirstDate, t));
            for (var j = 0; j < row.Length; j++)
            {
                var v = f.Quantiles[t, j] + (calibration is null ? 0 : multiplier * Adjustment(t, f.Levels[j].Value, segment, volumeClass, onEvent));
                row[j] = Math.Max(0.0, v);
            }

            Array.Sort(row);
            for (var j = 0; j < row.Length; j++)
            {
                q[t, j] = row[j];
            }
        }

        return new SeriesForecast(f.Key, f.FirstDate, f.Levels, q, method);
    }

    /// <summary>The conformal adjustment at level <paramref name="p"/>, linear between calibrated levels, nearest outside.</summary>
    private double Adjustment(int step, double p, string segment, int? volumeClass, bool? onEvent)
    {
        var levels = calibration!.Levels;
        if (p <= levels[0].Value)
        {
            return calibration.Adjustment(step, 0, segment, volumeClass, onEvent);
        }

        for (var k = 1; k < levels.Count; k++)
        {
            if (p <= levels[k].Value)
            {
                var w = (p - levels[k - 1].Value) / (levels[k].Value - levels[k - 1].Value);
                var a = calibration.Adjustment(step, k - 1, segment, volumeClass, onEvent);
                return a + (w * (calibration.Adjustment(step, k, segment, volumeClass, onEvent) - a));
            }
        }

        return calibration.Adjustment(step, levels.Count - 1, segment, volumeClass, onEvent);
    }
}
