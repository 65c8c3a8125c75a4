using MeioForecast.Core.Demand;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Forecasting.Calibration;

namespace MeioForecast.Forecasting.Tests.Calibration;

public class ConformalCalibrationTests
{
    private static readonly QuantileLevel[] Levels = [new(0.05), new(0.1), new(0.5), new(0.9), new(0.95)];

    /// <summary>Deliberately miscalibrated: always Normal(15, 3^2) quantiles, whatever the data.</summary>
    private sealed class NarrowNormalForecaster : IForecaster
    {
        public string Name => "narrow";

        public IForecastModel Fit(ForecastTrainingData data) => new Model(data.Series);

        private sealed class Model(IReadOnlyList<DemandSeries> series) : IForecastModel
        {
            public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request) => series.Select(s =>
            {
                var q = new double[request.Horizon, request.Levels.Count];
                for (var t = 0; t < request.Horizon; t++)
                {
                    for (var j = 0; j < request.Levels.Count; j++)
                    {
                        q[t, j] = 15 + (3 * StandardNormal.Quantile(request.Levels[j].Value));
                    }
                }

                return new SeriesForecast(s.Key, s.DateAt(s.Length), request.Levels, q, "narrow");
            }).ToArray();
        }
    }

    [Fact]
    public void Conformal_quantile_is_the_ceil_n_plus_1_p_th_smallest_score()
    {
        // Romano et al. (2019): n = 9 scores, p = 0.8 -> rank ceil(10 x 0.8) = 8.
        Assert.Equal(8.0, ConformalCalibrator.ConformalQuantile([9, 1, 8, 2, 7, 3, 6, 4, 5], 0.8));
        Assert.Equal(9.0, ConformalCalibrator.ConformalQuantile([9, 1, 8, 2, 7, 3, 6, 4, 5], 0.95));
    }

    [Fact]
    public void Calibrated_coverage_matches_nominal_on_fresh_data()
    {
        // Demand = 5 + Exponential(mean 10), iid: true p-quantile 5 - 10 ln(1 - p). The model claims Normal(15, 9),
        // too narrow and symmetric (its 0.95 quantile covers only 1 - exp(-(15 + 4.93 - 5)/10) = 0.775).
        // Calibrate on 4 backtest origins x 4 steps of 400 series' history, score the 4 fresh periods that follow:
        // coverage of each level within 3 binomial sds of nominal (n = 1600) plus the 1/(n_cal + 1) conformal slack.
        var rng = new Random(2024);
        var start = new DateOnly(2024, 1, 1);
        var full = Enumerable.Range(0, 400).Select(i => Enumerable.Range(0, 44).Select(_ => 5 - (10 * Math.Log(1 - rng.NextDouble()))).ToArray()).ToArray();
        var history = full.Select((y, i) => new DemandSeries(new SkuNode($"S{i:000}", "L"), PeriodKind.Week, start, y[..40])).ToArray();
        var data = new ForecastTrainingData(PeriodKind.Week, history, SignalTable.Empty);
        var conformal = new ConformalForecaster(new NarrowNormalForecaster(), new ConformalOptions { Origins = 4, Horizon = 4 });
        var forecasts = conformal.Fit(data, new BacktestOptions { Levels = Levels }).Predict(new ForecastRequest(4, Levels, SignalTable.Empty));
        var raw = new NarrowNormalForecaster().Fit(data).Predict(new ForecastRequest(4, Levels, SignalTable.Empty));
        var n = 400 * 4;
        for (var j = 0; j < Levels.Length; j++)
        {
            var p = Levels[j].Value;
            double Coverage(IReadOnlyList<SeriesForecast> f) => Enumerable.Range(0, 400).Sum(s => Enumerable.Range(0, 4).Count(t => full[s][40 + t] <= f[s].Quantiles[t, j])) / (double)n;
            var tolerance = (3 * Math.Sqrt(p * (1 - p) / n)) + (1.0 / 401);
            Assert.InRange(Coverage(forecasts), p - tolerance, p + tolerance);
            if (p != 0.5)
            {
                Assert.False(Math.Abs(Coverage(raw) - p) < tolerance, $"raw model should be miscalibrated at {p}");
            }
        }

        Assert.Equal("narrow+conformal", forecasts[0].Method);
    }
}
