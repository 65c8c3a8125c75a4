using MeioForecast.Core.Demand;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Features;
using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Forecasting.Global;

/// <summary>The fitted <see cref="GlobalGbdtForecaster"/>: scores origin = last period of each series, horizons 1..H.</summary>
internal sealed class GlobalGbdtModel(
    PeriodKind period,
    IReadOnlyList<DemandSeries> series,
    SignalTable trainingSignals,
    int horizon,
    FeatureOptions features,
    IReadOnlyList<string> names,
    MultiQuantileGbdtModel model,
    string method,
    FeatureVocabulary vocabulary,
    string? missingWhere) : IForecastModel
{
    /// <summary>The per-level models.</summary>
    public MultiQuantileGbdtModel Quantiles => model;

    /// <summary>The feature names, in column order.</summary>
    public IReadOnlyList<string> FeatureNames => names;

    /// <summary>The sku and location codes of the training series.</summary>
    public FeatureVocabulary Vocabulary => vocabulary;

    /// <summary>The training series, in row order (explanations: <see cref="ForecastContributions"/>).</summary>
    internal IReadOnlyList<DemandSeries> Series => series;

    /// <summary>The feature builder of a prediction with <paramref name="signals"/> (same features and codes as training).</summary>
    internal DirectFeatureBuilder Builder(SignalTable signals) => new(period, series, signals, horizon, features, vocabulary, missingWhere);

    public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (request.Horizon > horizon)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Horizon, $"The model was trained for horizons up to {horizon} periods.");
        }

        var builder = Builder(request.Signals);
        if (!builder.Names.SequenceEqual(names))
        {
            throw new ArgumentException("The request's signals differ from the signals the model was trained with.", nameof(request));
        }

        CheckFutureSignals(builder, request);
        var origins = series.Select((s, i) => (i, s.Length - 1)).ToArray();
        var horizons = Enumerable.Range(1, request.Horizon).ToArray();
        var frame = builder.Build(origins, horizons);
        var data = new GbdtDataset(frame.Names, frame.Columns, null, null, frame.Categorical);
        var q = model.Predict(data);
        var trained = model.Alphas;
        var at = new double[trained.Count];
        var result = new SeriesForecast[series.Count];
        for (var s = 0; s < series.Count; s++)
        {
            var values = new double[request.Horizon, request.Levels.Count];
            for (var step = 0; step < request.Horizon; step++)
            {
                var r = (s * request.Horizon) + step;
                for (var k = 0; k < at.Length; k++)
                {
                    at[k] = q[k][r] * frame.Scale[r];
                }

                for (var j = 0; j < request.Levels.Count; j++)
                {
                    values[step, j] = Math.Max(0.0, Interpolate(trained, at, request.Levels[j].Value));
                }
            }

            result[s] = new SeriesForecast(series[s].Key, series[s].DateAt(series[s].Length), request.Levels, values, method);
        }

        return result;
    }

    /// <summary>Linear interpolation of sorted quantiles <paramref name="values"/> at level <paramref name="p"/> (nearest outside).</summary>
    internal static double Interpolate(IReadOnlyList<double> levels, double[] values, double p)
    {
        if (p <= levels[0])
        {
            return values[0];
        }

        for (var k = 1; k < levels.Count; k++)
        {
            if (p <= levels[k])
            {
                var w = (p - levels[k - 1]) / (levels[k] - levels[k - 1]);
                return values[k - 1] + (w * (values[k] - values[k - 1]));
            }
        }

        return values[^1];
    }

    /// <summary>The known signals the features use must cover the horizon (<see cref="FutureSignalRule"/>).</summary>
    private void CheckFutureSignals(DirectFeatureBuilder builder, ForecastRequest request)
    {
        foreach (var name in builder.KnownSignals)
        {
            foreach (var s in series)
            {
                if (FutureSignalRule.FirstMissing(trainingSignals, request.Signals, name, s, request.Horizon) is { } date)
                {
                    throw new MissingFutureSignalException(name, s.Key, date);
                }
            }
        }
    }
}
