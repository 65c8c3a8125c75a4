using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Gbt;

namespace MeioForecast.Forecasting.Tests.Gbt;

public class GbdtForecasterTests
{
    private static readonly QuantileLevel[] Levels = [new(0.1), new(0.5), new(0.9)];
    private static readonly DateOnly Start = new(2024, 1, 1);

    private static GbdtForecasterOptions Options => new()
    {
        Horizon = 14, Levels = [0.1, 0.5, 0.9],
        Gbdt = new GbdtOptions { NumIterations = 150, NumLeaves = 15, LearningRate = 0.1, MinDataInLeaf = 20, NumThreads = 1 },
    };

    /// <summary>Four stores, 400 days: y = 20 + 10 promo + 5 [weekend] + N(0, 2); promo on days with t mod 5 == 0.</summary>
    private static (ForecastTrainingData Data, SignalTable Future) Promo(int days = 400, int future = 14)
    {
        var rng = new Random(7);
        var series = new List<DemandSeries>();
        var values = new List<KeyValuePair<(string, DateOnly, string, string), double>>();
        for (var t = 0; t < days + future; t++)
        {
            values.Add(new(("promo", Start.AddDays(t), "", ""), t % 5 == 0 ? 1.0 : 0.0));
        }

        foreach (var store in new[] { "S1", "S2", "S3", "S4" })
        {
            var q = new double[days];
            for (var t = 0; t < days; t++)
            {
                var weekend = Start.AddDays(t).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 5.0 : 0.0;
                q[t] = Math.Max(0, 20 + (t % 5 == 0 ? 10 : 0) + weekend + (2 * GbdtTestData.Normal(rng)));
            }

            series.Add(new DemandSeries(new SkuNode("A", store), PeriodKind.Day, Start, q));
        }

        var kinds = new Dictionary<string, SignalKind> { ["promo"] = SignalKind.KnownInAdvance };
        return (new ForecastTrainingData(PeriodKind.Day, series, new SignalTable(kinds, values), Seed: 3), new SignalTable(kinds, values));
    }

    [Fact]
    public void Recovers_the_promotion_and_weekend_effects_with_calibrated_bands()
    {
        // Closed form: the conditional quantiles are 20 + 10 promo + 5 weekend + 2 z_alpha (z_0.9 = 1.2816). Tolerance:
        // mean absolute error over the 56 forecast cells below 1.0 (median) and 1.5 (tails; sd of y is 2).
        var (data, future) = Promo();
        var error = new double[3];
        var forecasts = new GbdtForecaster(Options).Fit(data).Predict(new ForecastRequest(14, Levels, future));
        Assert.Equal(4, forecasts.Count);
        foreach (var f in forecasts)
        {
            Assert.Equal(Start.AddDays(400), f.FirstDate);
            Assert.Equal(14, f.Horizon);
            Assert.Equal("gbdt", f.Method);
            for (var step = 0; step < 14; step++)
            {
                var t = 400 + step;
                var weekend = Start.AddDays(t).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 5.0 : 0.0;
                var median = 20 + (t % 5 == 0 ? 10 : 0) + weekend;
                var q = f.At(step);
                error[0] += Math.Abs(median - (2 * 1.2816) - q[0]) / 56;
                error[1] += Math.Abs(median - q[1]) / 56;
                error[2] += Math.Abs(median + (2 * 1.2816) - q[2]) / 56;
            }
        }

        Assert.True(error[1] < 1.0, $"median MAE {error[1]:F3}");
        Assert.True(error[0] < 1.5 && error[2] < 1.5, $"tail MAE {error[0]:F3} / {error[2]:F3}");
    }

    [Fact]
    public void Contract_deterministic_monotone_and_missing_future_signal_fails_loudly()
    {
        var (data, future) = Promo(days: 200);
        var model = new GbdtForecaster(Options with { Levels = [0.05, 0.5, 0.95] }).Fit(data);
        QuantileLevel[] levels = [new(0.05), new(0.25), new(0.5), new(0.95)];
        var a = model.Predict(new ForecastRequest(10, levels, future));
        var b = new GbdtForecaster(Options with { Levels = [0.05, 0.5, 0.95] }).Fit(data).Predict(new ForecastRequest(10, levels, future));
        for (var s = 0; s < a.Count; s++)
        {
            Assert.Equal(a[s].Quantiles, b[s].Quantiles);
            for (var step = 0; step < 10; step++)
            {
                var q = a[s].At(step);
                Assert.True(q.Zip(q.Skip(1)).All(p => p.First <= p.Second));
                Assert.True(q[0] >= 0);
            }
        }

        var noFuture = new SignalTable(future.Kinds, []);
        Assert.Throws<MissingFutureSignalException>(() => model.Predict(new ForecastRequest(10, levels, noFuture)));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(new ForecastRequest(15, levels, future)));
    }
}
