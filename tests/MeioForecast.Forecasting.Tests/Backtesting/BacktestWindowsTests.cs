using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Forecasting.Baseline;

namespace MeioForecast.Forecasting.Tests.Backtesting;

/// <summary>
/// Multi-window scores against the shared protocol's definition of window k (../shared/README.md: window k ends
/// k x S periods before the panel's end, scored exactly as the one-window protocol; the peer's <c>--drop k*S</c>):
/// the oracle is a one-origin backtest on the data with its last k x S periods dropped.
/// </summary>
public class BacktestWindowsTests
{
    private static ForecastTrainingData Panel()
    {
        var rng = new Random(7);
        var series = Enumerable.Range(0, 6).Select(i =>
            new DemandSeries(new SkuNode("S" + i, "L"), PeriodKind.Week, new DateOnly(2020, 1, 6),
                Enumerable.Range(0, 90).Select(t => Math.Max(0, 20 + (5 * i) + (8 * Math.Sin(t * 2 * Math.PI / 52)) + (6 * rng.NextDouble()))).ToArray())).ToArray();
        return new ForecastTrainingData(PeriodKind.Week, series, SignalTable.Empty, 3);
    }

    [Fact]
    public void Window_k_scores_like_one_window_on_the_data_with_k_times_step_periods_dropped()
    {
        var data = Panel();
        var options = new BacktestOptions { Origins = 4, Horizon = 8, Step = 4, Seed = 3 };
        var windows = BacktestWindows.Score(RollingOriginBacktester.Run(new SeasonalEmpiricalForecaster(), data, options), options.Origins, data.Period);
        Assert.Equal([0, 1, 2, 3], windows.Select(w => w.Window));
        foreach (var w in windows)
        {
            var dropped = data with { Series = [.. data.Series.Select(s => new DemandSeries(s.Key, s.Period, s.Start, s.Quantities.Take(s.Length - (w.Window * 4)).ToArray()))] };
            var one = RollingOriginBacktester.Run(new SeasonalEmpiricalForecaster(), dropped, options with { Origins = 1 }).Overall;
            Assert.Equal(one.Wspl, w.Metrics.Wspl);
            Assert.Equal(one.Pinball, w.Metrics.Pinball);
            Assert.Equal(one.Coverage, w.Metrics.Coverage);
            Assert.Equal(one.Bias, w.All.Bias, 12);
            Assert.Equal(dropped.Period.Add(dropped.Series[0].End, -7), w.FirstDate);
        }
    }

    [Fact]
    public void Segment_bias_splits_the_points_by_the_signal()
    {
        // One sku-node, one window of 4 weeks, median 10 every week, actuals 8, 12, 5, 10; the segment is on in weeks 0
        // and 2. Hand-computed: on = ((10-8) + (10-5)) / 2 = 3.5 over a mean actual of 6.5; off = ((10-12) + 0) / 2 = -1
        // over 11; all = 5 / 4 = 1.25 over 8.75.
        var start = new DateOnly(2024, 1, 1);
        var q = new double[4, 3];
        for (var t = 0; t < 4; t++)
        {
            (q[t, 0], q[t, 1], q[t, 2]) = (5, 10, 15);
        }

        var node = new SkuNode("A", "L");
        var outcome = new ForecastOutcome(node, 0, start, [new(0.1), new(0.5), new(0.9)], q, [8, 12, 5, 10], 1, 1);
        var result = new BacktestResult("m", [outcome], ForecastMetrics.Compute([outcome]), [], new Dictionary<string, int>());
        var w = Assert.Single(BacktestWindows.Score(result, 1, PeriodKind.Week, (_, d) => d == start || d == start.AddDays(14)));
        Assert.Equal((4, 1.25, 8.75), (w.All.Points, w.All.Bias, w.All.MeanActual));
        Assert.Equal((2, 3.5, 6.5), (w.On!.Points, w.On.Bias, w.On.MeanActual));
        Assert.Equal((2, -1.0, 11.0), (w.Off!.Points, w.Off.Bias, w.Off.MeanActual));
        Assert.Equal(3.5 / 6.5, w.On.Relative, 15);
    }

    [Fact]
    public void Mean_and_sample_sd_over_windows()
    {
        // 1, 2, 3, 4 and a NaN: mean 2.5, sample variance (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3.
        var (mean, sd) = BacktestWindows.MeanSd([1, 2, double.NaN, 3, 4]);
        Assert.Equal(2.5, mean, 15);
        Assert.Equal(Math.Sqrt(5.0 / 3), sd, 15);
    }
}
