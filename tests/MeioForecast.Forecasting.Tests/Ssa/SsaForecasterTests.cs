using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Ssa;

namespace MeioForecast.Forecasting.Tests.Ssa;

public class SsaForecasterTests
{
    private static readonly SkuNode Node = new("A", "S1");
    private static readonly DateOnly Start = new(2020, 1, 6);
    private static readonly QuantileLevel[] Levels = [new(0.1), new(0.5), new(0.9)];

    private static double Signal(int n) => 20 + 0.05 * n + 3 * Math.Sin(2 * Math.PI * n / 12) + 1.5 * Math.Sin((2 * Math.PI * n / 5) + 0.3);

    private static ForecastTrainingData Data(double[] y, PeriodKind period = PeriodKind.Week, SignalTable? signals = null) =>
        new(period, [new DemandSeries(Node, period, Start, y)], signals ?? SignalTable.Empty);

    [Fact]
    public void Recovers_trend_plus_two_sinusoids_with_rank_six()
    {
        // Linear trend (rank 2) + two sinusoids (rank 2 each) = rank 6 (Golyandina & Korobeynikov 2014, Sec. 2.1).
        // Noise N(0, 0.3^2). Stated bound: the 24-step forecast's RMSE against the noiseless signal is below 0.3 (one sigma).
        var rng = new Random(11);
        var y = Enumerable.Range(0, 200).Select(n => Signal(n) + (0.3 * Normal(rng))).ToArray();
        var forecaster = new SsaForecaster(new SsaOptions { WindowSize = 60, MaxRank = 12, SelectionHorizon = 12, Differencing = SsaDifferencing.None });
        var model = (SsaForecastModel)forecaster.Fit(Data(y));
        Assert.Equal(6, model.Summaries[0].Rank);
        var f = model.Predict(new ForecastRequest(24, Levels, SignalTable.Empty))[0];
        var rmse = Math.Sqrt(Enumerable.Range(0, 24).Average(h => Math.Pow(f.Quantiles[h, 1] - Signal(200 + h), 2)));
        Assert.True(rmse < 0.3, $"RMSE {rmse}");
        // Bands: N(0, 0.3^2) errors give q0.9 - q0.1 close to 2 x 1.2816 x 0.3 = 0.77 at step 1.
        Assert.InRange(f.Quantiles[0, 2] - f.Quantiles[0, 0], 0.5, 1.1);
    }

    [Fact]
    public void Pure_sinusoid_with_level_is_forecast_exactly_by_the_forecaster()
    {
        static double X(int n) => 10 + 3 * Math.Sin(2 * Math.PI * n / 12);
        var y = Enumerable.Range(0, 96).Select(X).ToArray();
        var model = new SsaForecaster(new SsaOptions { WindowSize = 24, RankSelection = SsaRankSelection.Explicit, Rank = 3, Differencing = SsaDifferencing.None }).Fit(Data(y));
        var f = model.Predict(new ForecastRequest(36, Levels, SignalTable.Empty))[0];
        Assert.Equal("ssa", f.Method);
        for (var h = 0; h < 36; h++)
        {
            for (var j = 0; j < Levels.Length; j++)
            {
                Assert.Equal(X(96 + h), f.Quantiles[h, j], 1e-8);
            }
        }
    }

    [Fact]
    public void Variance_threshold_picks_the_exact_rank_of_level_plus_sinusoid()
    {
        // 10 + 3 sin(2 pi n / 12) spans exactly 3 dimensions: eigenvalues 4.. are zero up to rounding, so a threshold of
        // 1 - 1e-9 stops at r = 3 (r = 2 misses the sinusoid's second component), and the forecast is exact.
        static double X(int n) => 10 + (3 * Math.Sin(2 * Math.PI * n / 12));
        var y = Enumerable.Range(0, 96).Select(X).ToArray();
        var options = new SsaOptions { WindowSize = 24, RankSelection = SsaRankSelection.VarianceThreshold, VarianceThreshold = 1 - 1e-9, Differencing = SsaDifferencing.None };
        var model = (SsaForecastModel)new SsaForecaster(options).Fit(Data(y));
        Assert.Equal(3, model.Summaries[0].Rank);
        var f = model.Predict(new ForecastRequest(12, Levels, SignalTable.Empty))[0];
        Assert.All(Enumerable.Range(0, 12), h => Assert.Equal(X(96 + h), f.Quantiles[h, 1], 1e-8));
    }

    [Fact]
    public void Skewed_noise_gives_skewed_bands()
    {
        // Exponential(mean 10) noise: q0.9 - q0.5 = 10 ln 5 = 16.1, q0.5 - q0.1 = 10 ln(0.5/0.1... ) = 10 (ln 2 - ln(10/9)) = 5.9.
        var rng = new Random(3);
        var y = Enumerable.Range(0, 400).Select(n => 100 + (10 * Math.Sin(2 * Math.PI * n / 7)) - (10 * Math.Log(1 - rng.NextDouble()))).ToArray();
        var model = new SsaForecaster(new SsaOptions { WindowSize = 28, RankSelection = SsaRankSelection.Explicit, Rank = 3, SeriesLength = 300, Differencing = SsaDifferencing.None })
            .Fit(Data(y, PeriodKind.Day));
        var f = model.Predict(new ForecastRequest(7, Levels, SignalTable.Empty))[0];
        var upper = Enumerable.Range(0, 7).Average(h => f.Quantiles[h, 2] - f.Quantiles[h, 1]);
        var lower = Enumerable.Range(0, 7).Average(h => f.Quantiles[h, 1] - f.Quantiles[h, 0]);
        Assert.InRange(upper, 13.0, 19.5);
        Assert.InRange(lower, 4.0, 8.0);
    }

    [Fact]
    public void Known_in_advance_promotion_moves_the_forecast()
    {
        // y = 50 + 5 sin(2 pi n / 7) + 20 promo_n (no noise): the promo effect is recovered by the signal regression,
        // so future promo days get +20 (closed form), within 0.5.
        var rng = new Random(5);
        var promo = Enumerable.Range(0, 230).Select(_ => rng.NextDouble() < 0.3 ? 1.0 : 0.0).ToArray();
        double Truth(int n) => 50 + (5 * Math.Sin(2 * Math.PI * n / 7)) + (20 * promo[n]);
        var start = new DateOnly(2021, 1, 1);
        var values = Enumerable.Range(0, 230).Select(i => KeyValuePair.Create((Name: "promo", Date: start.AddDays(i), Sku: "", Location: ""), promo[i]));
        var table = new SignalTable(new Dictionary<string, SignalKind> { ["promo"] = SignalKind.KnownInAdvance }, values);
        var series = new DemandSeries(Node, PeriodKind.Day, start, Enumerable.Range(0, 200).Select(Truth).ToArray());
        var model = new SsaForecaster(new SsaOptions { Ridge = 0, WindowSize = 28, RankSelection = SsaRankSelection.Explicit, Rank = 3, Differencing = SsaDifferencing.None })
            .Fit(new ForecastTrainingData(PeriodKind.Day, [series], table));
        var f = model.Predict(new ForecastRequest(30, Levels, table))[0];
        for (var h = 0; h < 30; h++)
        {
            Assert.Equal(Truth(200 + h), f.Quantiles[h, 1], 0.5);
        }

        var withoutFuture = new SignalTable(table.Kinds, values.Where(v => v.Key.Date < start.AddDays(210)));
        var ex = Assert.Throws<MissingFutureSignalException>(() => model.Predict(new ForecastRequest(30, Levels, withoutFuture)));
        Assert.Equal("promo", ex.Signal);
        Assert.Equal(start.AddDays(210), ex.Date);
    }

    [Fact]
    public void A_signal_absent_at_the_last_period_and_after_is_read_as_0_like_the_history_gaps()
    {
        // A backtest origin inside a stretch without records (Rossmann's 2014 gap): promo has no value from day 190 on,
        // neither at the series' last period (199) nor in the horizon. The fit reads history gaps as 0, so the oracle is
        // the same series with those days given explicitly as promo = 0: identical fit, identical forecast to the bit.
        var rng = new Random(5);
        var promo = Enumerable.Range(0, 230).Select(_ => rng.NextDouble() < 0.3 ? 1.0 : 0.0).ToArray();
        var start = new DateOnly(2021, 1, 1);
        var kinds = new Dictionary<string, SignalKind> { ["promo"] = SignalKind.KnownInAdvance };
        KeyValuePair<(string Name, DateOnly Date, string Sku, string Location), double> Row(int i, double v) =>
            KeyValuePair.Create((Name: "promo", Date: start.AddDays(i), Sku: "", Location: ""), v);
        var withGap = new SignalTable(kinds, Enumerable.Range(0, 190).Select(i => Row(i, promo[i])));
        var zeros = new SignalTable(kinds, Enumerable.Range(0, 230).Select(i => Row(i, i < 190 ? promo[i] : 0.0)));
        var series = new DemandSeries(Node, PeriodKind.Day, start, Enumerable.Range(0, 200).Select(n => 50 + (5 * Math.Sin(2 * Math.PI * n / 7)) + (20 * promo[n])).ToArray());
        var options = new SsaOptions { Ridge = 0, WindowSize = 28, RankSelection = SsaRankSelection.Explicit, Rank = 3, Differencing = SsaDifferencing.None };
        var gap = new SsaForecaster(options).Fit(new ForecastTrainingData(PeriodKind.Day, [series], withGap)).Predict(new ForecastRequest(30, Levels, withGap))[0];
        var explicitZeros = new SsaForecaster(options).Fit(new ForecastTrainingData(PeriodKind.Day, [series], zeros)).Predict(new ForecastRequest(30, Levels, zeros))[0];
        for (var h = 0; h < 30; h++)
        {
            for (var j = 0; j < Levels.Length; j++)
            {
                Assert.Equal(explicitZeros.Quantiles[h, j], gap.Quantiles[h, j]);
            }
        }
    }

    [Fact]
    public void Short_and_intermittent_series_fall_back_and_say_so()
    {
        var shortSeries = new DemandSeries(new SkuNode("B", "S1"), PeriodKind.Week, Start, [3, 4, 5, 4, 3]);
        var sparse = new DemandSeries(new SkuNode("C", "S1"), PeriodKind.Week, Start, Enumerable.Range(0, 60).Select(i => i % 4 == 0 ? 2.0 : 0.0).ToArray());
        var zeros = new DemandSeries(new SkuNode("D", "S1"), PeriodKind.Week, Start, new double[60]);
        var model = (SsaForecastModel)new SsaForecaster().Fit(new ForecastTrainingData(PeriodKind.Week, [shortSeries, sparse, zeros], SignalTable.Empty));
        var f = model.Predict(new ForecastRequest(4, Levels, SignalTable.Empty));
        Assert.Equal(["ssa-fallback-short", "ssa-fallback-intermittent", "ssa-fallback-intermittent"], f.Select(x => x.Method));
        Assert.Equal("ssa-fallback-short", model.Summaries[0].Method);
        // The all-zero series forecasts zero at every level.
        Assert.All(Enumerable.Range(0, 4), h => Assert.Equal(0.0, f[2].Quantiles[h, 2]));
    }

    [Fact]
    public void Few_seasonal_cycles_use_the_seasonal_difference_and_continue_profile_plus_trend_exactly()
    {
        // 2.6 years of weekly data: an arbitrary 52-week profile plus a linear trend 2t. Fewer than three cycles, so
        // Auto decomposes z_t = y_t - y_{t-52} = 104 (constant): centred, it is zero, rank 0 wins, and the forecast
        // y_{T+h-52} + 104 equals the truth exactly (closed form), for steps past one season as well.
        var rng = new Random(9);
        var profile = Enumerable.Range(0, 52).Select(_ => 100 + (50 * rng.NextDouble())).ToArray();
        double Truth(int t) => profile[t % 52] + (2.0 * t);
        var y = Enumerable.Range(0, 135).Select(Truth).ToArray();
        var model = (SsaForecastModel)new SsaForecaster(new SsaOptions { Signals = [] }).Fit(Data(y));
        Assert.Equal(52, model.Summaries[0].SeasonalLag);
        Assert.Equal(0, model.Summaries[0].Rank);
        var f = model.Predict(new ForecastRequest(60, Levels, SignalTable.Empty))[0];
        for (var h = 0; h < 60; h++)
        {
            Assert.Equal(Truth(135 + h), f.Quantiles[h, 1], 1e-8);
        }
    }

    internal static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
