using MeioForecast.Core.Demand;

namespace MeioForecast.Forecasting.Gbt;

/// <summary>The fitted <see cref="GbdtForecaster"/>: scores the horizon rows of every training series.</summary>
internal sealed class GbdtForecastModel(
    IReadOnlyList<DemandSeries> series, ForecastFeatures features, int horizon, MultiQuantileGbdtModel model, string method)
    : IForecastModel
{
    public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (request.Horizon > horizon)
        {
            throw new ArgumentOutOfRangeException(
                nameof(request), request.Horizon, $"The model was trained for horizons up to {horizon} periods.");
        }

        var trained = model.Alphas;
        var row = new double[features.Names.Length];
        var result = new SeriesForecast[series.Count];
        for (var s = 0; s < series.Count; s++)
        {
            var ser = series[s];
            var q = new double[request.Horizon, request.Levels.Count];
            for (var step = 0; step < request.Horizon; step++)
            {
                features.Fill(s, ser, ser.Length + step, request.Signals, row, future: true);
                var at = model.Predict(row);
                for (var j = 0; j < request.Levels.Count; j++)
                {
                    q[step, j] = Math.Max(0.0, Interpolate(trained, at, request.Levels[j].Value));
                }
            }

            result[s] = new SeriesForecast(ser.Key, ser.DateAt(ser.Length), request.Levels, q, method);
        }

        return result;
    }

    /// <summary>Linear interpolation of sorted quantiles <paramref name="values"/> at <paramref name="p"/> (nearest outside).</summary>
    private static double Interpolate(IReadOnlyList<double> levels, double[] values, double p)
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
}
