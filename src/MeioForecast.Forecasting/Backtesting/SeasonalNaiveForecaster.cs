using MeioForecast.Core.Planning;

namespace MeioForecast.Forecasting.Backtesting;

/// <summary>
/// <see cref="SeasonalNaiveBenchmark"/> as an <see cref="IForecaster"/> (name <c>snaive</c>) on demand series (missing
/// periods are zero demand), season = the period's natural cycle (7 days, 52 weeks), quantiles clipped at zero. The
/// benchmark every engine is compared with in <c>meio backtest</c>. Uses no signals.
/// </summary>
public sealed class SeasonalNaiveForecaster : IForecaster
{
    /// <inheritdoc />
    public string Name => "snaive";

    /// <inheritdoc />
    public IForecastModel Fit(ForecastTrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new Model(data);
    }

    private sealed class Model(ForecastTrainingData data) : IForecastModel
    {
        public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            request.Validate();
            var q = SeasonalNaiveBenchmark.Forecast(data.Series.Select(s => s.Quantities).ToArray(), data.Period.SeasonLength(), request.Horizon, request.Levels);
            return data.Series.Select((s, i) =>
            {
                var m = q[i];
                for (var t = 0; t < request.Horizon; t++)
                {
                    for (var j = 0; j < request.Levels.Count; j++)
                    {
                        m[t, j] = Math.Max(0.0, m[t, j]);
                    }
                }

                return new SeriesForecast(s.Key, s.DateAt(s.Length), request.Levels, m, "snaive");
            }).ToArray();
        }
    }
}
