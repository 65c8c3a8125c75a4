using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Forecasting.Baseline;
using MeioForecast.Forecasting.Selection;

namespace MeioForecast.Forecasting.Tests.Selection;

/// <summary>
/// The stage's exposed backtest (<see cref="IBacktestedModel.HeldOut"/>): each origin's forecast calibrated by the
/// conformal adjustments of the other origins only (cross-conformal), checked against hand-computed split-conformal
/// answers on a constant forecaster.
/// </summary>
public class HeldOutOutcomesTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);
    private static readonly QuantileLevel[] Levels = [new(0.1), new(0.5), new(0.9)];

    /// <summary>Forecasts 10 at every level and step.</summary>
    private sealed class Ten : IForecaster
    {
        public string Name => "ten";

        public IForecastModel Fit(ForecastTrainingData data) => new Model(data.Series);

        private sealed class Model(IReadOnlyList<DemandSeries> series) : IForecastModel
        {
            public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request) => [.. series.Select(s =>
            {
                var q = new double[request.Horizon, request.Levels.Count];
                for (var t = 0; t < request.Horizon; t++)
                {
                    for (var j = 0; j < request.Levels.Count; j++)
                    {
                        q[t, j] = 10.0;
                    }
                }

                return new SeriesForecast(s.Key, s.DateAt(s.Length), request.Levels, q, "ten");
            })];
        }
    }

    [Fact]
    public void Each_origin_is_calibrated_by_the_scores_of_the_other_origins()
    {
        // 106 days of 10, then the two backtest windows of 7 days: 14 (origin 0) and 12 (origin 1). Unscaled one-sided
        // CQR (Romano et al. 2019) with every score of a window equal gives c_p = that score for every level: fitted on
        // origin 1 alone c = 12 - 10 = 2, so origin 0 is served 12 (its actual 14 lies above every quantile); fitted on
        // origin 0 alone c = 4, so origin 1 is served 14. In sample (both windows) the levels would get 2 or 4 by p.
        double[] values = [.. Enumerable.Repeat(10.0, 106), .. Enumerable.Repeat(14.0, 7), .. Enumerable.Repeat(12.0, 7)];
        var data = new ForecastTrainingData(PeriodKind.Day, [new DemandSeries(new SkuNode("A", "L"), PeriodKind.Day, Start, values)], SignalTable.Empty);
        var stage = new SelectingForecaster(
            [new Ten()],
            new SeasonalEmpiricalForecaster(),
            new SelectionOptions { Horizon = 7, Origins = 2, Levels = Levels, Conformal = new() { MinScores = 1, PerStep = false, Scaled = false } });
        var model = Assert.IsAssignableFrom<IBacktestedModel>(stage.Fit(data));

        Assert.Equal(2, model.HeldOut.Count);
        var first = model.HeldOut.Single(o => o.Origin == 0);
        var second = model.HeldOut.Single(o => o.Origin == 1);
        Assert.Equal(Enumerable.Repeat(14.0, 7), first.Actuals);
        Assert.Equal(Enumerable.Repeat(12.0, 7), second.Actuals);
        for (var t = 0; t < 7; t++)
        {
            for (var j = 0; j < Levels.Length; j++)
            {
                Assert.Equal(12.0, first.Quantiles[t, j], 12);
                Assert.Equal(14.0, second.Quantiles[t, j], 12);
            }
        }
    }
}
