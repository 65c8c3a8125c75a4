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
    public void Weighted_conformal_quantile_with_unit_weights_is_the_ceil_n_plus_1_p_th_smallest()
    {
        // Barber et al. (2023), eq. (11) with every weight 1 reduces to split conformal: mass 1/(n + 1) per score.
        var rng = new Random(7);
        for (var n = 1; n <= 40; n++)
        {
            var scores = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 10, 1)).ToArray();
            foreach (var p in new[] { 0.05, 0.1, 0.25, 0.5, 0.75, 0.8, 0.9, 0.95 })
            {
                Assert.Equal(ConformalCalibrator.ConformalQuantile(scores, p), ConformalCalibrator.ConformalQuantile(scores, Enumerable.Repeat(1.0, n).ToArray(), p));
            }
        }
    }

    [Fact]
    public void Weighted_conformal_quantile_puts_the_fresh_points_unit_mass_at_infinity()
    {
        // By hand: scores 1, 2, 3, 4 with weights 1, 1, 0.5, 0.5; W + 1 = 4, so the masses are 0.25, 0.25, 0.125, 0.125
        // and 0.25 at +infinity. Cumulative 0.25, 0.5, 0.625, 0.75: p = 0.5 -> 2, 0.6 -> 3, 0.7 -> 4, 0.8 -> +inf,
        // reported as the largest score (as the unweighted quantile clamps its rank at n).
        double[] scores = [3, 1, 4, 2];
        double[] weights = [0.5, 1, 0.5, 1];
        Assert.Equal(2.0, ConformalCalibrator.ConformalQuantile(scores, weights, 0.5));
        Assert.Equal(3.0, ConformalCalibrator.ConformalQuantile(scores, weights, 0.6));
        Assert.Equal(4.0, ConformalCalibrator.ConformalQuantile(scores, weights, 0.7));
        Assert.Equal(4.0, ConformalCalibrator.ConformalQuantile(scores, weights, 0.8));
        Assert.Throws<ArgumentException>(() => ConformalCalibrator.ConformalQuantile(scores, [1, 1, 0, 1], 0.5));
    }

    [Fact]
    public void Recency_half_life_halves_the_weight_of_each_older_origin()
    {
        // Origin 10 (older) scored 1 and 2, origin 20 (newest) 3 and 4 (forecast 0, so score = actual). Half-life one
        // origin: weights 0.5, 0.5, 1, 1, W + 1 = 4, cumulative 0.5, 1, 2, 3 against p x 4: p = 0.4 -> 3, p = 0.6 -> 4.
        // Exchangeable (no half-life): ranks ceil(5 p) = 2 and 3 -> scores 2 and 3.
        QuantileLevel[] levels = [new(0.4), new(0.6)];
        ForecastOutcome Outcome(int origin, double[] actuals) =>
            new(new SkuNode("A", "L"), origin, new DateOnly(2024, 1, 1), levels, new double[actuals.Length, levels.Length], actuals, 1, 1);
        ForecastOutcome[] outcomes = [Outcome(10, [1, 2]), Outcome(20, [3, 4])];
        var weighted = ConformalCalibrator.Fit(outcomes, new ConformalOptions { PerStep = false, MinScores = 1, NonNegative = false, RecencyHalfLife = 1 });
        var exchangeable = ConformalCalibrator.Fit(outcomes, new ConformalOptions { PerStep = false, MinScores = 1, NonNegative = false });
        Assert.Equal(3.0, weighted.Adjustment(0, 0));
        Assert.Equal(4.0, weighted.Adjustment(0, 1));
        Assert.Equal(2.0, exchangeable.Adjustment(0, 0));
        Assert.Equal(3.0, exchangeable.Adjustment(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConformalCalibrator.Fit(outcomes, new ConformalOptions { RecencyHalfLife = 0 }));
    }

    [Fact]
    public void Without_the_median_adjustment_the_median_stays_the_models_and_the_other_levels_are_adjusted_as_before()
    {
        // By hand: forecast 0 at every level, actuals 1..9 (n = 9): c_p = the ceil(10 p)-th smallest score, so
        // c_0.1 = 1, c_0.5 = 5, c_0.9 = 9; with AdjustMedian = false c_0.5 = 0 and the tails unchanged.
        QuantileLevel[] levels = [new(0.1), new(0.5), new(0.9)];
        ForecastOutcome[] outcomes = [new(new SkuNode("A", "L"), 0, new DateOnly(2024, 1, 1), levels, new double[9, 3], [9, 1, 8, 2, 7, 3, 6, 4, 5], 1, 1)];
        var all = ConformalCalibrator.Fit(outcomes, new ConformalOptions { PerStep = false, MinScores = 1, NonNegative = false });
        var tails = ConformalCalibrator.Fit(outcomes, new ConformalOptions { PerStep = false, MinScores = 1, NonNegative = false, AdjustMedian = false });
        Assert.Equal([1.0, 5.0, 9.0], [all.Adjustment(0, 0), all.Adjustment(0, 1), all.Adjustment(0, 2)]);
        Assert.Equal([1.0, 0.0, 9.0], [tails.Adjustment(0, 0), tails.Adjustment(0, 1), tails.Adjustment(0, 2)]);
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

    [Fact]
    public void Volume_classes_give_each_class_its_own_adjustment()
    {
        // By hand (Mondrian conformal, Vovk et al. 2005): sku-node A (volume 1) forecast at 1 scored 0, 1, 2, 3; B
        // (volume 10) forecast at 10 scored 0, 10, 20, 30. Volumes sorted 1, 10: the 1/2 quantile bound is the 1st, 1, so
        // A is class 0 and B class 1. Class 0: p = 0.5 -> rank ceil(5 x 0.5) = 3 -> 2; p = 0.9 -> rank 5 clamped to 4 ->
        // 3. Class 1: 20 and 30. One class: 8 scores 0, 0, 1, 2, 3, 10, 20, 30 -> ranks 5 and 9 (clamped 8): 3, 30.
        QuantileLevel[] levels = [new(0.5), new(0.9)];
        ForecastOutcome Outcome(string sku, double level, double[] actuals)
        {
            var q = new double[actuals.Length, 2];
            for (var t = 0; t < actuals.Length; t++)
            {
                q[t, 0] = level;
                q[t, 1] = level;
            }

            return new(new SkuNode(sku, "L"), 0, new DateOnly(2024, 1, 1), levels, q, actuals, 1, 1);
        }

        ForecastOutcome[] outcomes = [Outcome("A", 1, [1, 2, 3, 4]), Outcome("B", 10, [10, 20, 30, 40])];
        double VolumeOf(SkuNode k) => k.Sku == "A" ? 1 : 10;
        var options = new ConformalOptions { PerStep = false, MinScores = 1, NonNegative = false, VolumeClasses = 2 };
        var classes = ConformalCalibrator.Fit(outcomes, options, volumeOf: VolumeOf);
        var single = ConformalCalibrator.Fit(outcomes, options with { VolumeClasses = 1 }, volumeOf: VolumeOf);
        Assert.Equal([1.0], classes.VolumeBounds);
        Assert.Empty(single.VolumeBounds);
        SeriesForecast Forecast(double level) => new(new SkuNode("X", "L"), new DateOnly(2024, 2, 1), levels, new double[,] { { level, level } }, "m");
        Assert.Equal(new[] { 3.0, 4.0 }, Row(classes.Apply(Forecast(1), volume: 1)));
        Assert.Equal(new[] { 30.0, 40.0 }, Row(classes.Apply(Forecast(10), volume: 10)));
        Assert.Equal(new[] { 12.0, 13.0 }, Row(classes.Apply(Forecast(10), volume: 0.5)));
        Assert.Equal(new[] { 4.0, 31.0 }, Row(single.Apply(Forecast(1), volume: 1)));

        // A class with fewer than MinScores scores (4 < 5) takes its segment's (here the global) adjustments.
        Assert.Equal(new[] { 4.0, 31.0 }, Row(ConformalCalibrator.Fit(outcomes, options with { MinScores = 5 }, volumeOf: VolumeOf).Apply(Forecast(1), volume: 1)));

        // The bounds travel with a registered model, so that a shard is adjusted as the whole input was.
        var back = QuantileCalibrationJson.FromJson(QuantileCalibrationJson.ToJson(classes));
        Assert.Equal(classes.VolumeBounds, back.VolumeBounds);
        Assert.Equal(new[] { 30.0, 40.0 }, Row(back.Apply(Forecast(10), volume: 10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConformalCalibrator.Fit(outcomes, options with { VolumeClasses = 0 }));

        static double[] Row(SeriesForecast f) => [f.Quantiles[0, 0], f.Quantiles[0, 1]];
    }

    [Fact]
    public void Promotion_periods_get_their_own_adjustments_and_the_other_periods_theirs()
    {
        // By hand (Mondrian conformal over a taxonomy of periods, Vovk et al. 2005, sec. 4.5): one sku-node forecast at
        // 10 for q0.5 and q0.9 over 8 steps; the even steps are promotions selling 20, 22, 24, 26 (scores 10, 12, 14,
        // 16), the odd ones 9, 10, 11, 12 (scores -1, 0, 1, 2). Per class n = 4: p = 0.5 -> rank ceil(5 x 0.5) = 3, p =
        // 0.9 -> rank 5 clamped to 4: promotions 14 and 16, others 1 and 2. Pooled, 8 scores: ranks 5 and 9 (clamped 8):
        // 10 and 16, which would put the others' median at 20 where they sold 9-12.
        QuantileLevel[] levels = [new(0.5), new(0.9)];
        double[] actuals = [20, 9, 22, 10, 24, 11, 26, 12];
        var q = new double[8, 2];
        for (var t = 0; t < 8; t++)
        {
            q[t, 0] = 10;
            q[t, 1] = 10;
        }

        ForecastOutcome[] outcomes = [new(new SkuNode("A", "L"), 0, new DateOnly(2024, 1, 1), levels, q, actuals, 1, 1)];
        var options = new ConformalOptions { PerStep = false, MinScores = 1, NonNegative = false };
        var classes = ConformalCalibrator.Fit(outcomes, options, onEvent: (_, t) => t % 2 == 0);
        SeriesForecast Forecast() => new(new SkuNode("X", "L"), new DateOnly(2024, 2, 1), levels, new double[,] { { 10, 10 }, { 10, 10 } }, "m");
        var served = classes.Apply(Forecast(), onEventAt: t => t == 0);
        Assert.Equal(new[] { 24.0, 26.0 }, Row(served, 0));
        Assert.Equal(new[] { 11.0, 12.0 }, Row(served, 1));
        Assert.Equal(new[] { 20.0, 26.0 }, Row(classes.Apply(Forecast()), 1));
        Assert.Equal(new[] { 20.0, 26.0 }, Row(ConformalCalibrator.Fit(outcomes, options).Apply(Forecast(), onEventAt: t => t == 0), 1));

        // A class with fewer than MinScores scores (4 < 5) takes the pooled adjustments.
        Assert.Equal(new[] { 20.0, 26.0 }, Row(ConformalCalibrator.Fit(outcomes, options with { MinScores = 5 }, onEvent: (_, t) => t % 2 == 0).Apply(Forecast(), onEventAt: t => t == 0), 0));

        // The classes travel with a registered model.
        Assert.Equal(new[] { 11.0, 12.0 }, Row(QuantileCalibrationJson.FromJson(QuantileCalibrationJson.ToJson(classes)).Apply(Forecast(), onEventAt: t => t == 0), 1));

        static double[] Row(SeriesForecast f, int t) => [f.Quantiles[t, 0], f.Quantiles[t, 1]];
    }

    [Fact]
    public void Width_scaled_scores_give_a_steady_sku_node_a_narrow_correction()
    {
        // By hand (CQR-r, Sesia & Candes 2020): A is forecast at q0.1 / q0.5 / q0.9 = 9 / 10 / 11 (width 2) with actuals
        // 10, 12, 8, 14; B at 5 / 10 / 15 (width 10) with 10, 20, 0, 30. Scores (y - q) / width are the same for both:
        // q0.1: 0.5, 1.5, -0.5, 2.5; q0.5: 0, 1, -1, 2; q0.9: -0.5, 0.5, -1.5, 1.5. Eight per level, ranks ceil(9 p):
        // 1 -> -0.5; 5 -> 1; 9 (clamped 8) -> 1.5. A = 9 - 2 x 0.5, 10 + 2, 11 + 2 x 1.5 = 8, 12, 14; B = 0, 20, 30.
        // Level-scaled scores (level (q0.5 + q0.9) / 2 = 10.5 and 12.5) let B's wide errors set A's correction: the largest
        // q0.9 score is B's 15 / 12.5 = 1.2, so A's q0.9 becomes 11 + 1.2 x 10.5 = 23.6.
        QuantileLevel[] levels = [new(0.1), new(0.5), new(0.9)];
        ForecastOutcome Outcome(string sku, double[] q, double[] actuals)
        {
            var table = new double[actuals.Length, 3];
            for (var t = 0; t < actuals.Length; t++)
            {
                for (var j = 0; j < 3; j++)
                {
                    table[t, j] = q[j];
                }
            }

            return new(new SkuNode(sku, "L"), 0, new DateOnly(2024, 1, 1), levels, table, actuals, 1, 1);
        }

        ForecastOutcome[] outcomes = [Outcome("A", [9, 10, 11], [10, 12, 8, 14]), Outcome("B", [5, 10, 15], [10, 20, 0, 30])];
        var options = new ConformalOptions { PerStep = false, MinScores = 1, NonNegative = false, Scaled = true, LocalScale = ConformalScale.Width };
        var width = ConformalCalibrator.Fit(outcomes, options);
        SeriesForecast Forecast(double[] q) => new(new SkuNode("X", "L"), new DateOnly(2024, 2, 1), levels, new double[,] { { q[0], q[1], q[2] } }, "m");
        Assert.Equal(new[] { 8.0, 12.0, 14.0 }, Row(width.Apply(Forecast([9, 10, 11]))));
        Assert.Equal(new[] { 0.0, 20.0, 30.0 }, Row(width.Apply(Forecast([5, 10, 15]))));
        var level = ConformalCalibrator.Fit(outcomes, options with { LocalScale = ConformalScale.Level });
        Assert.Equal(23.6, Row(level.Apply(Forecast([9, 10, 11])))[2], 9);

        // The scale travels with a registered model; models registered before it read as level-scaled.
        var back = QuantileCalibrationJson.FromJson(QuantileCalibrationJson.ToJson(width));
        Assert.Equal(ConformalScale.Width, back.LocalScale);
        Assert.Equal(new[] { 8.0, 12.0, 14.0 }, Row(back.Apply(Forecast([9, 10, 11]))));
        var json = QuantileCalibrationJson.ToJson(width);
        json.Remove("local_scale");
        Assert.Equal(ConformalScale.Level, QuantileCalibrationJson.FromJson(json).LocalScale);
        json["local_scale"] = "spread";
        Assert.Contains("local_scale", Assert.Throws<InvalidDataException>(() => QuantileCalibrationJson.FromJson(json)).Message, StringComparison.Ordinal);

        static double[] Row(SeriesForecast f) => [f.Quantiles[0, 0], f.Quantiles[0, 1], f.Quantiles[0, 2]];
    }

    [Fact]
    public void Volume_is_the_mean_of_the_last_window_periods()
    {
        // By hand: the last 3 periods are 4, 0, 8 -> 12 / 3 = 4; a window longer than the series takes all of it: 112 / 4.
        var series = new DemandSeries(new SkuNode("A", "L"), PeriodKind.Week, new DateOnly(2024, 1, 1), [100, 4, 0, 8]);
        Assert.Equal(4.0, ConformalCalibrator.Volume(series, 3));
        Assert.Equal(28.0, ConformalCalibrator.Volume(series, 10));
    }

    [Fact]
    public void Volume_classes_restore_coverage_of_small_and_big_series_alike()
    {
        // 200 small series 20 + U(-15, 15) (CV 0.43) and 200 big ones 100 + U(-17, 17) (CV 0.10); the model claims
        // N(mean, (0.25 mean)^2) for both. Normalised scores (y - q0.9) / level, level = 1.16 mean, pooled in one table:
        // the big series' all lie below -0.13, so the pooled 0.9 quantile is about the small series' 0.8 quantile: the
        // small ones cover about 0.8, the big ones 1. With two volume classes (bound: the median volume, between the two
        // groups) each is calibrated on its own scores and covers 0.9 within 3 binomial sds (n = 800 per class) plus the
        // conformal slack 1 / (n + 1) (Vovk et al. 2005: the Mondrian guarantee holds per class).
        var rng = new Random(11);
        var start = new DateOnly(2024, 1, 1);
        double MeanOf(int i) => i < 200 ? 20 : 100;
        double HalfWidthOf(int i) => i < 200 ? 15 : 17;
        var full = Enumerable.Range(0, 400).Select(i => Enumerable.Range(0, 44).Select(_ => MeanOf(i) + (HalfWidthOf(i) * ((2 * rng.NextDouble()) - 1))).ToArray()).ToArray();
        var history = full.Select((y, i) => new DemandSeries(new SkuNode($"S{i:000}", "L"), PeriodKind.Week, start, y[..40])).ToArray();
        var data = new ForecastTrainingData(PeriodKind.Week, history, SignalTable.Empty);
        QuantileLevel[] levels = [new(0.5), new(0.9)];
        var inner = new MeanProportionalNormalForecaster(MeanOf, 0.25);
        IReadOnlyList<SeriesForecast> Calibrated(int classes) =>
            new ConformalForecaster(inner, new ConformalOptions { Origins = 4, Horizon = 4, PerStep = false, Scaled = true, NonNegative = false, VolumeClasses = classes })
                .Fit(data, new BacktestOptions { Levels = levels }).Predict(new ForecastRequest(4, levels, SignalTable.Empty));
        double Coverage(IReadOnlyList<SeriesForecast> f, int from) => Enumerable.Range(from, 200).Sum(s => Enumerable.Range(0, 4).Count(t => full[s][40 + t] <= f[s].Quantiles[t, 1])) / 800.0;
        var tolerance = (3 * Math.Sqrt(0.9 * 0.1 / 800)) + (1.0 / 801);
        var pooled = Calibrated(1);
        Assert.True(Coverage(pooled, 0) < 0.9 - tolerance, $"one class: small series should under-cover, got {Coverage(pooled, 0)}");
        Assert.True(Coverage(pooled, 200) > 0.9 + tolerance, $"one class: big series should over-cover, got {Coverage(pooled, 200)}");
        var mondrian = Calibrated(2);
        Assert.InRange(Coverage(mondrian, 0), 0.9 - tolerance, 0.9 + tolerance);
        Assert.InRange(Coverage(mondrian, 200), 0.9 - tolerance, 0.9 + tolerance);
    }

    /// <summary>Claims Normal(mean, (cv x mean)^2) with the true mean of each series.</summary>
    private sealed class MeanProportionalNormalForecaster(Func<int, double> meanOf, double cv) : IForecaster
    {
        public string Name => "proportional";

        public IForecastModel Fit(ForecastTrainingData data) => new Model(data.Series, meanOf, cv);

        private sealed class Model(IReadOnlyList<DemandSeries> series, Func<int, double> meanOf, double cv) : IForecastModel
        {
            public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request) => series.Select((s, i) =>
            {
                var q = new double[request.Horizon, request.Levels.Count];
                for (var t = 0; t < request.Horizon; t++)
                {
                    for (var j = 0; j < request.Levels.Count; j++)
                    {
                        q[t, j] = meanOf(i) * (1 + (cv * StandardNormal.Quantile(request.Levels[j].Value)));
                    }
                }

                return new SeriesForecast(s.Key, s.DateAt(s.Length), request.Levels, q, "proportional");
            }).ToArray();
        }
    }
}
