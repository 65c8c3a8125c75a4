using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Baseline;
using MeioForecast.Forecasting.Selection;

namespace MeioForecast.Forecasting.Tests.Selection;

/// <summary>
/// The selection stage against hand-computed answers: constant "oracle" candidates whose backtest losses are known in
/// closed form, the routing rule on constructed series, and the inverse-loss weights of the Vincentized combination.
/// </summary>
public class SelectingForecasterTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);
    private static readonly QuantileLevel[] Levels = [new(0.1), new(0.5), new(0.9)];

    /// <summary>Forecasts a fixed value per sku-node at every level and step.</summary>
    private sealed class ConstantForecaster(string name, Func<SkuNode, double> value) : IForecaster
    {
        public string Name => name;

        public IForecastModel Fit(ForecastTrainingData data) => new Model(data.Series, value, name);

        private sealed class Model(IReadOnlyList<DemandSeries> series, Func<SkuNode, double> value, string name) : IForecastModel
        {
            public IReadOnlyList<SeriesForecast> Predict(ForecastRequest request)
            {
                return series.Select(s =>
                {
                    var q = new double[request.Horizon, request.Levels.Count];
                    for (var t = 0; t < request.Horizon; t++)
                    {
                        for (var j = 0; j < request.Levels.Count; j++)
                        {
                            q[t, j] = value(s.Key);
                        }
                    }

                    return new SeriesForecast(s.Key, s.DateAt(s.Length), request.Levels, q, name);
                }).ToArray();
            }
        }
    }

    private static DemandSeries Constant(string sku, double level, int length = 120) =>
        new(new SkuNode(sku, "L"), PeriodKind.Day, Start, Enumerable.Repeat(level, length).ToArray());

    [Fact]
    public void Select_gives_each_sku_node_the_candidate_that_was_exact_in_the_backtest()
    {
        // Series A is constant 10, B constant 20. Candidate "low" always says 10, "high" always says 20: the backtest
        // pinball loss of the right one is 0 and of the wrong one 10 * mean(p or 1-p) > 0, so A -> low, B -> high; the
        // conformal scores of the chosen forecasts are all 0, so the final quantiles are exactly 10 and 20.
        var data = new ForecastTrainingData(PeriodKind.Day, [Constant("A", 10), Constant("B", 20)], SignalTable.Empty);
        var stage = new SelectingForecaster(
            [new ConstantForecaster("low", _ => 10), new ConstantForecaster("high", _ => 20)],
            new SeasonalEmpiricalForecaster(),
            new SelectionOptions { Rule = SelectionRule.Select, Horizon = 7, Conformal = new() { MinScores = 1 } });
        var f = stage.Fit(data).Predict(new ForecastRequest(5, Levels, SignalTable.Empty));
        Assert.Equal(["low", "high"], f.Select(x => x.Method));
        Assert.All(Enumerable.Range(0, 5), t => Assert.Equal([10.0, 10.0, 10.0], f[0].At(t)));
        Assert.All(Enumerable.Range(0, 5), t => Assert.Equal([20.0, 20.0, 20.0], f[1].At(t)));
    }

    [Fact]
    public void Combine_averages_quantiles_with_inverse_loss_weights()
    {
        // Series constant 12; candidates say 10 and 16. Pinball at p for a constant forecast c below/above y:
        // loss(10) = 2 * mean(p) = 2 * 0.5 = 1, loss(16) = 4 * mean(1-p) = 4 * 0.5 = 2 (levels 0.1, 0.5, 0.9).
        // Weights 1/1 : 1/2 -> 2/3, 1/3; combined value 10 * 2/3 + 16 * 1/3 = 12. Calibration off.
        var data = new ForecastTrainingData(PeriodKind.Day, [Constant("A", 12)], SignalTable.Empty);
        var stage = new SelectingForecaster(
            [new ConstantForecaster("low", _ => 10), new ConstantForecaster("high", _ => 16)],
            new SeasonalEmpiricalForecaster(),
            new SelectionOptions { Rule = SelectionRule.Combine, Horizon = 7, Levels = Levels, Calibrate = false });
        var model = stage.Fit(data);
        var f = model.Predict(new ForecastRequest(3, Levels, SignalTable.Empty));
        Assert.Equal("low+high", f[0].Method);
        Assert.All(f[0].At(2), v => Assert.Equal(12.0, v, 12));
    }

    [Fact]
    public void Calibration_shifts_a_biased_candidate_by_the_conformal_quantile_of_its_backtest_errors()
    {
        // Series constant 30, the only candidate says 25 everywhere: every backtest score y - q is 5, so the conformal
        // adjustment is 5 at every level and the calibrated forecast is exactly 30 (Romano et al. 2019, one-sided CQR).
        var data = new ForecastTrainingData(PeriodKind.Day, [Constant("A", 30), Constant("B", 30)], SignalTable.Empty);
        var stage = new SelectingForecaster([new ConstantForecaster("c", _ => 25)], new SeasonalEmpiricalForecaster(),
            new SelectionOptions { Horizon = 7, Conformal = new() { MinScores = 1 } });
        var f = stage.Fit(data).Predict(new ForecastRequest(10, [new(0.2), new(0.5), new(0.8)], SignalTable.Empty));
        Assert.All(f, x => Assert.All(Enumerable.Range(0, 10), t => Assert.All(x.At(t), v => Assert.Equal(30.0, v, 12))));
    }

    [Fact]
    public void The_declared_promotion_signal_calibrates_promotion_days_apart_from_the_others()
    {
        // Demand 30 a day, 60 on every third day (promo = 1); the only candidate says 25 everywhere. Scores are 5 on plain
        // days and 35 on promotion days, each class constant, so with the promotion signal declared the calibrated
        // forecast is exactly 30 and 60 (Mondrian conformal by period class). Pooled, a third of the scores are 35: the
        // median takes 5 and q0.8 takes 35 on every day alike (30 and 60 whatever the day).
        const int length = 120;
        var values = new List<KeyValuePair<(string, DateOnly, string, string), double>>();
        for (var d = 0; d < length + 10; d++)
        {
            values.Add(new(("promo", Start.AddDays(d), "", ""), d % 3 == 0 ? 1 : 0));
        }

        var signals = new SignalTable(new Dictionary<string, SignalKind> { ["promo"] = SignalKind.KnownInAdvance }, values);
        DemandSeries Series(string sku) => new(new SkuNode(sku, "L"), PeriodKind.Day, Start, Enumerable.Range(0, length).Select(d => d % 3 == 0 ? 60.0 : 30.0).ToArray());
        var data = new ForecastTrainingData(PeriodKind.Day, [Series("A"), Series("B")], signals);
        var options = new SelectionOptions { Horizon = 7, Conformal = new() { MinScores = 1 } };
        var stage = new SelectingForecaster([new ConstantForecaster("c", _ => 25)], new SeasonalEmpiricalForecaster(), options);
        var request = new ForecastRequest(10, [new(0.5), new(0.8)], signals);
        var declared = stage.Fit(data with { PromotionSignal = "promo" }).Predict(request);
        Assert.All(declared, f => Assert.All(Enumerable.Range(0, 10), t => Assert.All(f.At(t), v => Assert.Equal(t % 3 == 0 ? 60.0 : 30.0, v, 12))));
        var pooled = stage.Fit(data).Predict(request);
        Assert.All(pooled, f => Assert.All(Enumerable.Range(0, 10), t => Assert.Equal(new[] { 30.0, 60.0 }, f.At(t))));

        // The options' own event signal wins over the input's; one the input does not have is refused by name.
        Assert.Equal("promo", options.For(data with { PromotionSignal = "promo" }).Conformal.EventSignal);
        Assert.Equal("other", (options with { Conformal = options.Conformal with { EventSignal = "other" } }).For(data with { PromotionSignal = "promo" }).Conformal.EventSignal);
        var error = Assert.Throws<ArgumentException>(() => stage.Fit(data with { PromotionSignal = "deal" }));
        Assert.Contains("'deal'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_and_intermittent_series_are_routed_to_the_fallback_and_labelled()
    {
        var options = new SelectionOptions();
        var mostlyZero = Enumerable.Range(0, 200).Select(i => i % 5 == 0 ? 3.0 : 0.0).ToArray();   // 80% zeros
        var halfZero = Enumerable.Range(0, 200).Select(i => i % 5 < 2 ? 0.0 : 3.0).ToArray();      // 40% zeros: not above 0.5
        Assert.Equal(Routing.Intermittent, SelectingForecaster.Route(new(new SkuNode("A", "L"), PeriodKind.Day, Start, mostlyZero), PeriodKind.Day, options));
        Assert.Equal(Routing.Model, SelectingForecaster.Route(new(new SkuNode("A", "L"), PeriodKind.Day, Start, halfZero), PeriodKind.Day, options));
        Assert.Equal(Routing.New, SelectingForecaster.Route(Constant("N", 5, 55), PeriodKind.Day, options));
        Assert.Equal(Routing.Model, SelectingForecaster.Route(Constant("N", 5, 56), PeriodKind.Day, options));
        Assert.Equal(Routing.New, SelectingForecaster.Route(new(new SkuNode("W", "L"), PeriodKind.Week, Start, new double[15]), PeriodKind.Week, options));

        // End to end, calibration off: the fallback series carry the baseline's own quantiles.
        var series = new DemandSeries[] { Constant("A", 10), new(new SkuNode("Z", "L"), PeriodKind.Day, Start, mostlyZero), Constant("N", 4, 30) };
        var data = new ForecastTrainingData(PeriodKind.Day, series, SignalTable.Empty);
        var stage = new SelectingForecaster([new ConstantForecaster("c", _ => 10)], new SeasonalEmpiricalForecaster(),
            new SelectionOptions { Horizon = 7, Calibrate = false });
        var request = new ForecastRequest(7, Levels, SignalTable.Empty);
        var f = stage.Fit(data).Predict(request);
        var baseline = new SeasonalEmpiricalForecaster().Fit(data).Predict(request);
        Assert.Equal(["c", Routing.Intermittent, Routing.New], f.Select(x => x.Method));
        for (var s = 1; s < 3; s++)
        {
            Assert.Equal(baseline[s].Quantiles.Cast<double>(), f[s].Quantiles.Cast<double>());
        }
    }

    [Fact]
    public void Periods_the_availability_signal_marks_0_do_not_count_as_zero_demand_in_the_intermittent_rule()
    {
        // Counted by hand over the default daily window of 91 periods (threshold: zeros > 0.5 x counted periods):
        // "reopened": 200 days, the last 91 = 47 days without a record (0, open = 0: the Rossmann 2014 gap) then 44 sales
        // of 5. Without the signal 47 zeros of 91 > 45.5: intermittent; with it 0 zeros of 44: model.
        // "closed": the last 91 = 31 days open = 0, then 60 open days of which 31 (>= 30.5) are zero: intermittent,
        // and "closed30" the same with 30 zero open days (30 > 30 is false): model.
        var options = new SelectionOptions { ScoreMaskSignal = "open" };
        double[] Days(int closed, int zeroOpen)
        {
            var y = Enumerable.Repeat(5.0, 200).ToArray();
            for (var i = 200 - 91; i < 200 - 91 + closed + zeroOpen; i++)
            {
                y[i] = 0;
            }

            return y;
        }

        DemandSeries Node(string sku, double[] y) => new(new SkuNode(sku, "L"), PeriodKind.Day, Start, y);
        var reopened = Node("R", Days(47, 0));
        var closed = Node("C", Days(31, 31));
        var closed30 = Node("D", Days(31, 30));
        var values = new List<KeyValuePair<(string, DateOnly, string, string), double>>();
        foreach (var (s, days) in new[] { (reopened, 47), (closed, 31), (closed30, 31) })
        {
            for (var i = 0; i < 200; i++)
            {
                values.Add(new(("open", s.DateAt(i), s.Key.Sku, "L"), i >= 200 - 91 && i < 200 - 91 + days ? 0 : 1));
            }
        }

        var signals = new SignalTable(new Dictionary<string, SignalKind> { ["open"] = SignalKind.KnownInAdvance }, values);
        Assert.Equal(Routing.Intermittent, SelectingForecaster.Route(reopened, PeriodKind.Day, options));
        Assert.Equal(Routing.Model, SelectingForecaster.Route(reopened, PeriodKind.Day, options, signals));
        Assert.Equal(Routing.Intermittent, SelectingForecaster.Route(closed, PeriodKind.Day, options, signals));
        Assert.Equal(Routing.Model, SelectingForecaster.Route(closed30, PeriodKind.Day, options, signals));
        Assert.Equal(Routing.Intermittent, SelectingForecaster.Route(reopened, PeriodKind.Day, options with { ScoreMaskSignal = null }, signals));

        // End to end: the stage reads the signal from its training data and serves the reopened node by the candidate.
        var data = new ForecastTrainingData(PeriodKind.Day, [reopened, closed], signals);
        var stage = new SelectingForecaster([new ConstantForecaster("c", _ => 5)], new SeasonalEmpiricalForecaster(),
            options with { Horizon = 7, Calibrate = false });
        var f = stage.Fit(data).Predict(new ForecastRequest(7, Levels, SignalTable.Empty));
        Assert.Equal(["c", Routing.Intermittent], f.Select(x => x.Method));
    }

    [Fact]
    public void Weights_are_one_hot_for_select_and_inverse_loss_for_combine()
    {
        Assert.Equal([0.0, 1.0, 0.0], SelectingForecaster.Weights([2.0, 1.0, 4.0], SelectionRule.Select));
        // 1/2 : 1/1 : 1/4 = 2 : 4 : 1 out of 7.
        var w = SelectingForecaster.Weights([2.0, 1.0, 4.0], SelectionRule.Combine);
        Assert.Equal(2.0 / 7, w[0], 12);
        Assert.Equal(4.0 / 7, w[1], 12);
        Assert.Equal(1.0 / 7, w[2], 12);
        Assert.Equal([1.0, 0.0], SelectingForecaster.Weights([double.NaN, double.NaN], SelectionRule.Combine));
        Assert.Equal([0.0, 1.0], SelectingForecaster.Weights([double.NaN, 3.0], SelectionRule.Combine));
    }

    [Fact]
    public void Pooled_combine_uses_the_grid_weight_that_minimises_the_summed_backtest_loss()
    {
        // A is constant 12 with candidates 10 and 16; B constant 100 with candidates 99 and 106. A constant forecast m
        // against y at levels 0.1/0.5/0.9 loses 0.5 |m - y| per period (mean p = mean 1-p = 0.5). With weight w on
        // "low": A mixes to 16 - 6w, B to 106 - 7w, so the summed loss is proportional to |4 - 6w| + |6 - 7w|, whose
        // slopes are -13, -1, +13 with kinks at 2/3 and 6/7: minimum at w = 6/7, on the 0.05 grid 0.85 (1.15 against
        // 1.70 at 0.90). Both sku-nodes take (0.85, 0.15): A = 10.9, B = 100.05. Per-node inverse-loss weights differ.
        var data = new ForecastTrainingData(PeriodKind.Day, [Constant("A", 12), Constant("B", 100)], SignalTable.Empty);
        double Low(SkuNode k) => k.Sku == "A" ? 10 : 99;
        double High(SkuNode k) => k.Sku == "A" ? 16 : 106;
        var stage = new SelectingForecaster(
            [new ConstantForecaster("low", Low), new ConstantForecaster("high", High)],
            new SeasonalEmpiricalForecaster(),
            new SelectionOptions { Rule = SelectionRule.PooledCombine, Horizon = 7, Levels = Levels, Calibrate = false });
        var f = stage.Fit(data).Predict(new ForecastRequest(3, Levels, SignalTable.Empty));
        Assert.Equal(["low+high", "low+high"], f.Select(x => x.Method));
        Assert.All(f[0].At(1), v => Assert.Equal(10.9, v, 9));
        Assert.All(f[1].At(1), v => Assert.Equal(100.05, v, 9));
    }

    [Fact]
    public void Scaled_calibration_corrects_sku_nodes_of_every_size_by_the_same_relative_amount()
    {
        // A alternates 8, 12 (even, odd periods) and B 80, 120; the candidate says 8 and 80 at every level, so its level
        // (q0.5 + q0.9) / 2 is 8 and 80 at every period. The backtest's last 7 periods (113..119) hold 4 odd ones:
        // scores (y - q) / level are 0.5 (x4) and 0 (x3) for both, 14 in all. Conformal ranks ceil(15 p): p = 0.1, 0.25
        // -> 2, 4 -> 0; p = 0.5, 0.75, 0.9 -> 8, 12, 14 -> 0.5. Requested 0.2 / 0.5 / 0.8 interpolate to 0 / 0.5 / 0.5,
        // times the level: A = 8, 12, 12 and B = 80, 120, 120 (Lei et al. 2018, locally weighted conformal). Additive
        // scores would shift both by one amount in units.
        DemandSeries Alternating(string sku, double low, double high) =>
            new(new SkuNode(sku, "L"), PeriodKind.Day, Start, Enumerable.Range(0, 120).Select(i => i % 2 == 0 ? low : high).ToArray());
        var data = new ForecastTrainingData(PeriodKind.Day, [Alternating("A", 8, 12), Alternating("B", 80, 120)], SignalTable.Empty);
        var stage = new SelectingForecaster([new ConstantForecaster("c", k => k.Sku == "A" ? 8 : 80)], new SeasonalEmpiricalForecaster(),
            new SelectionOptions { Horizon = 7, Conformal = new() { MinScores = 1, PerStep = false, Scaled = true } });
        var f = stage.Fit(data).Predict(new ForecastRequest(4, [new(0.2), new(0.5), new(0.8)], SignalTable.Empty));
        Assert.All(Enumerable.Range(0, 4), t => Assert.Equal([8.0, 12.0, 12.0], f[0].At(t).Select(v => Math.Round(v, 9))));
        Assert.All(Enumerable.Range(0, 4), t => Assert.Equal([80.0, 120.0, 120.0], f[1].At(t).Select(v => Math.Round(v, 9))));
    }

    [Fact]
    public void Volume_classes_calibrate_small_and_big_sku_nodes_each_on_their_own_scores()
    {
        // A alternates 8, 12 and the candidate says 8 (level 8): scores 0.5 (x4) and 0 (x3) over the last 7 periods, as
        // above; its volume over the last 91 days (periods 29..119, 46 odd ones) is (46 x 12 + 45 x 8) / 91 = 912 / 91. B
        // is constant 100 (volume 100) and the candidate says 80 (level 80): scores 0.25 (x7). Two volume classes: the
        // bound is the 1st of the 2 sorted volumes, 912 / 91, so A is class 0 and B class 1 (Mondrian
        // conformal, Vovk et al. 2005). Class 0, ranks ceil(8 p): 0.1, 0.25 -> 1, 2 -> 0; 0.5, 0.75, 0.9 -> 4, 6, 8
        // (clamped 7) -> 0.5: A = 8, 12, 12. Class 1: 0.25 at every level: B = 100, 100, 100. One class (14 scores,
        // ranks ceil(15 p)) gives 0, 0.25, 0.25, 0.5, 0.5 at 0.1, 0.25, 0.5, 0.75, 0.9: A = 9.33, 10, 12 and B = 93.3,
        // 100, 120.
        DemandSeries Alternating(string sku, double low, double high) =>
            new(new SkuNode(sku, "L"), PeriodKind.Day, Start, Enumerable.Range(0, 120).Select(i => i % 2 == 0 ? low : high).ToArray());
        var data = new ForecastTrainingData(PeriodKind.Day, [Alternating("A", 8, 12), Constant("B", 100)], SignalTable.Empty);
        SelectingForecaster Stage(int classes) => new([new ConstantForecaster("c", k => k.Sku == "A" ? 8 : 80)], new SeasonalEmpiricalForecaster(),
            new SelectionOptions { Horizon = 7, Conformal = new() { MinScores = 1, PerStep = false, Scaled = true, VolumeClasses = classes } });
        ForecastRequest request = new(4, [new(0.2), new(0.5), new(0.8)], SignalTable.Empty);
        var (model, calibration, _) = Stage(2).FitCalibrated(data);
        var f = model.Predict(request);
        Assert.Equal(912.0 / 91, Assert.Single(calibration!.VolumeBounds), 12);
        Assert.All(Enumerable.Range(0, 4), t => Assert.Equal([8.0, 12.0, 12.0], f[0].At(t).Select(v => Math.Round(v, 9))));
        Assert.All(Enumerable.Range(0, 4), t => Assert.Equal([100.0, 100.0, 100.0], f[1].At(t).Select(v => Math.Round(v, 9))));

        // A shard holding only B, fitted with the whole input's calibration, classifies B alike.
        var shard = Stage(2).Fit(new ForecastTrainingData(PeriodKind.Day, [Constant("B", 100)], SignalTable.Empty), calibration).Predict(request);
        Assert.Equal([100.0, 100.0, 100.0], shard[0].At(0).Select(v => Math.Round(v, 9)));
        var pooled = Stage(1).Fit(data).Predict(request);
        Assert.Equal([9.333333333, 10.0, 12.0], pooled[0].At(0).Select(v => Math.Round(v, 9)));
        Assert.Equal([93.333333333, 100.0, 120.0], pooled[1].At(0).Select(v => Math.Round(v, 9)));
    }
}
