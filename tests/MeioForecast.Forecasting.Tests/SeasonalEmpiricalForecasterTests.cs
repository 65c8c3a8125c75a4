using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Baseline;

namespace MeioForecast.Forecasting.Tests;

public class SeasonalEmpiricalForecasterTests
{
    private static readonly QuantileLevel[] Levels = [new(0.1), new(0.5), new(0.9)];

    [Fact]
    public void Recovers_a_pure_weekly_pattern_exactly()
    {
        // Demand = 10 * weekday factor, no noise: every de-seasonalised value equals the level 10, so every quantile
        // of a future day is 10 * its factor (closed form).
        double[] factor = [0.5, 1.0, 1.0, 1.0, 1.5, 2.0, 0.0];
        var start = new DateOnly(2024, 1, 1);
        var q = Enumerable.Range(0, 70).Select(i => 10.0 * factor[(start.AddDays(i).DayNumber) % 7]).ToArray();
        var level = q.TakeLast(56).Average();
        var series = new DemandSeries(new SkuNode("A", "S1"), PeriodKind.Day, start, q);
        var model = new SeasonalEmpiricalForecaster().Fit(new ForecastTrainingData(PeriodKind.Day, [series], SignalTable.Empty));
        var forecast = model.Predict(new ForecastRequest(14, Levels, SignalTable.Empty)).Single();

        Assert.Equal(start.AddDays(70), forecast.FirstDate);
        for (var t = 0; t < 14; t++)
        {
            var expected = level * factor[start.AddDays(70 + t).DayNumber % 7] / (factor.Average());
            for (var j = 0; j < Levels.Length; j++)
            {
                Assert.Equal(expected, forecast.Quantiles[t, j], 1e-9);
            }
        }
    }

    [Fact]
    public void Quantiles_of_a_flat_window_follow_type_7_interpolation()
    {
        // Weekly data, no season: window = last 26 values 1..26; type-7 quantile at p is 1 + 25p (Hyndman & Fan 1996).
        var values = Enumerable.Range(1, 30).Select(i => (double)(i <= 4 ? 100 : i - 4)).ToArray();
        var series = new DemandSeries(new SkuNode("A", "S1"), PeriodKind.Week, new DateOnly(2024, 1, 1), values);
        var model = new SeasonalEmpiricalForecaster().Fit(new ForecastTrainingData(PeriodKind.Week, [series], SignalTable.Empty));
        var forecast = model.Predict(new ForecastRequest(3, Levels, SignalTable.Empty)).Single();
        Assert.Equal(1 + 25 * 0.1, forecast.Quantiles[2, 0], 1e-12);
        Assert.Equal(1 + 25 * 0.5, forecast.Quantiles[2, 1], 1e-12);
        Assert.Equal(1 + 25 * 0.9, forecast.Quantiles[2, 2], 1e-12);
    }
}
