using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Backtesting;

namespace MeioForecast.Forecasting.Tests.Backtesting;

public class RollingOriginBacktesterTests
{
    /// <summary>Test double: every quantile is the last observed value (naive).</summary>
    private sealed class LastValueForecaster : IForecaster
    {
        public string Name => "last";

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
                        q[t, j] = s.Quantities[^1];
                    }
                }

                return new SeriesForecast(s.Key, s.DateAt(s.Length), request.Levels, q, "last");
            }).ToArray();
        }
    }

    [Fact]
    public void Origins_cut_the_history_and_score_the_next_h_periods()
    {
        // y = 1..12 weekly; K = 3, h = 2, s = 2: origins after periods 6, 8, 10 (1-based). Origin 0 forecasts 6, 6 for
        // actuals 7, 8: median pinball 0.5 x 1 and 0.5 x 2; scale of 1..6 is 1; weight = 5 + 6 = 11 (hand-computed).
        var start = new DateOnly(2024, 1, 1);
        var series = new DemandSeries(new SkuNode("A", "S"), PeriodKind.Week, start, Enumerable.Range(1, 12).Select(i => (double)i).ToArray());
        var data = new ForecastTrainingData(PeriodKind.Week, [series], SignalTable.Empty);
        var result = RollingOriginBacktester.Run(new LastValueForecaster(), data, new BacktestOptions { Origins = 3, Horizon = 2, Step = 2, Levels = [new(0.5)] });
        Assert.Equal(3, result.Outcomes.Count);
        var first = result.Outcomes[0];
        Assert.Equal(start.AddDays(7 * 6), first.FirstDate);
        Assert.Equal([7.0, 8.0], first.Actuals);
        Assert.Equal(1.0, first.Scale, 1e-12);
        Assert.Equal(11.0, first.Weight, 1e-12);
        Assert.Equal([11.0, 12.0], result.Outcomes[2].Actuals);
        // Every origin: errors 1 and 2 -> mean pinball 0.5 x 1.5 = 0.75.
        Assert.Equal(0.75, result.Overall.Pinball[0], 1e-12);
        Assert.Equal(3, result.Methods["last"]);
    }

    [Fact]
    public void Masked_and_unobserved_periods_are_not_scored()
    {
        var start = new DateOnly(2024, 1, 1);
        var series = new DemandSeries(new SkuNode("A", "S"), PeriodKind.Day, start, [5, 5, 5, 5, 9, 7]);
        var open = new SignalTable(new Dictionary<string, SignalKind> { ["open"] = SignalKind.KnownInAdvance },
            [KeyValuePair.Create((Name: "open", Date: start.AddDays(5), Sku: "", Location: ""), 0.0)]);
        var data = new ForecastTrainingData(PeriodKind.Day, [series], open);
        var observed = new Dictionary<SkuNode, double[]> { [series.Key] = [5, 5, double.NaN, 5, 9, 7] };
        var result = RollingOriginBacktester.Run(new LastValueForecaster(), data, new BacktestOptions { Horizon = 2, Levels = [new(0.5)], ScoreMaskSignal = "open" }, observed);
        var o = Assert.Single(result.Outcomes);
        Assert.Equal(9.0, o.Actuals[0]);
        Assert.True(double.IsNaN(o.Actuals[1]));
        Assert.Equal(0.0, o.Scale);
        Assert.Equal(2.0, result.Overall.Pinball[0], 1e-12);
    }
}
