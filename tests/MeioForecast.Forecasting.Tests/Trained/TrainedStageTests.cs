using System.Text.Json.Nodes;
using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Calibration;
using MeioForecast.Forecasting.Gbt;
using MeioForecast.Forecasting.Global;
using MeioForecast.Forecasting.Selection;
using MeioForecast.Forecasting.Trained;

namespace MeioForecast.Forecasting.Tests.Trained;

/// <summary>
/// A trained stage against its oracle, the stage fitted in one go (<see cref="SelectingForecaster"/>, the planning
/// run's forecaster) on the same data and seed: its forecasts, read back from its files, and on a subset of the
/// sku-nodes (a shard) must equal the oracle's bit for bit.
/// </summary>
public class TrainedStageTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);
    private static readonly QuantileLevel[] Levels = [new(0.1), new(0.5), new(0.9)];

    /// <summary>Small, fast options: 20 trees, a 14-day horizon.</summary>
    internal static readonly StageOptions Fast = new()
    {
        Selection = new SelectionOptions { Horizon = 14, Conformal = new ConformalOptions { PerStep = false, MinScores = 5 } },
        Gbdt = new GlobalGbdtOptions { Horizon = 14, MaxOrigins = 20, Gbdt = new GlobalGbdtOptions().Gbdt with { NumIterations = 20, MinDataInLeaf = 10, MinDataPerGroup = 10 } },
    };

    /// <summary>Weekly-seasonal noisy demand over 8 sku-nodes (4 skus x 2 locations), one of them intermittent, 200 days.</summary>
    internal static ForecastTrainingData Data(int seed = 5)
    {
        var rng = new Random(seed);
        var series = new List<DemandSeries>();
        for (var s = 0; s < 8; s++)
        {
            var level = 5 + (10 * s);
            var values = Enumerable.Range(0, 200).Select(t => s == 7
                ? (rng.NextDouble() < 0.2 ? 3.0 : 0.0)
                : Math.Round(level * (1 + (0.3 * Math.Sin(2 * Math.PI * t / 7))) * (0.7 + (0.6 * rng.NextDouble())))).ToArray();
            series.Add(new DemandSeries(new SkuNode($"S{s / 2}", s % 2 == 0 ? "DC" : "ST"), PeriodKind.Day, Start, values));
        }

        return new ForecastTrainingData(PeriodKind.Day, series, SignalTable.Empty, Seed: 3);
    }

    private static SelectingForecaster Oracle(StageOptions o) => SelectingForecaster.CreateDefault(o.Selection, new GlobalGbdtForecaster(o.Gbdt));

    private static void AssertSame(IReadOnlyList<SeriesForecast> expected, IReadOnlyList<SeriesForecast> actual)
    {
        Assert.Equal(expected.Select(f => f.Key), actual.Select(f => f.Key));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Method, actual[i].Method);
            Assert.Equal(expected[i].FirstDate, actual[i].FirstDate);
            Assert.Equal(expected[i].Quantiles.Cast<double>(), actual[i].Quantiles.Cast<double>());
        }
    }

    [Fact]
    public void A_stage_read_back_from_its_files_forecasts_bit_identically_to_the_stage_fitted_in_one_go()
    {
        var data = Data();
        var request = new ForecastRequest(14, Levels, SignalTable.Empty);
        var expected = Oracle(Fast).Fit(data).Predict(request);
        Assert.Contains(expected, f => f.Method.Contains("gbdt", StringComparison.Ordinal));   // the GBDT serves some sku-nodes
        Assert.Contains(expected, f => f.Method == Routing.Intermittent);

        var (stage, model) = TrainedStage.Train(data, Fast);
        AssertSame(expected, model.Predict(request));
        Assert.Equal([0, 14, 28, 42], stage.Fits.Keys);         // final fit + the selection backtest's 3 origins, 14 days apart
        Assert.NotNull(stage.Calibration);

        var files = TrainedStageJson.ToFiles(stage);
        var loaded = TrainedStageJson.FromFiles(files.ToDictionary(f => f.Key, f => (ReadOnlyMemory<byte>)f.Value));
        AssertSame(expected, loaded.CreateForecaster().Fit(data).Predict(request));
        Assert.Equal(files, TrainedStageJson.ToFiles(loaded));   // the files of the loaded stage are the same bytes

        // The quantile models are LightGBM text models (any LightGBM reads them), one per level and fit.
        var models = files.Keys.Where(k => k.StartsWith("gbdt/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4 * GlobalGbdtOptions.DefaultLevels.Count, models.Length); // 4 fits; the data names no levels: the seven defaults
        Assert.All(models, k => Assert.EndsWith(".txt", k, StringComparison.Ordinal));
        Assert.All(models, k => Assert.StartsWith("tree\nversion=v4\n", System.Text.Encoding.UTF8.GetString(files[k]), StringComparison.Ordinal));

        // Trained twice on the same data and seed: the same bytes (LightGBM deterministic, fixed threads).
        Assert.Equal(files, TrainedStageJson.ToFiles(TrainedStage.Train(data, Fast).Stage));
    }

    [Fact]
    public void A_forecast_day_the_availability_signal_marks_0_is_forecast_as_zero_and_no_other_day_moves()
    {
        // Closed days are neither trained on nor scored, so no candidate knows what a closed day sells; the stage serves
        // zero there (a closed shop sells nothing). Reference: the same stage and data with that day open, every other
        // step identical (features and signal effects are per target day), and the stage without the declaration.
        var data = Data();
        var first = data.Series[0];
        var openDay = first.Length + 3;
        SignalTable Signals(bool closed) => new(
            new Dictionary<string, SignalKind> { ["open"] = SignalKind.KnownInAdvance },
            Enumerable.Range(0, first.Length + 14).Select(d => new KeyValuePair<(string, DateOnly, string, string), double>(
                ("open", Start.AddDays(d), first.Key.Sku, first.Key.Location), closed && d == openDay ? 0 : (d % 7 == 6 ? 0 : 1))).ToList());
        var shut = data with { Signals = Signals(true), AvailabilitySignal = "open" };
        var open = data with { Signals = Signals(false), AvailabilitySignal = "open" };
        var served = Oracle(Fast).Fit(shut).Predict(new ForecastRequest(14, Levels, shut.Signals))[0];
        var reference = Oracle(Fast).Fit(open).Predict(new ForecastRequest(14, Levels, open.Signals))[0];
        for (var t = 0; t < 14; t++)
        {
            var row = Enumerable.Range(0, Levels.Length).Select(j => served.Quantiles[t, j]).ToArray();
            var expected = Enumerable.Range(0, Levels.Length).Select(j => reference.Quantiles[t, j]).ToArray();
            var closedDay = t == 3 || (first.Length + t) % 7 == 6;
            Assert.Equal(closedDay ? new double[Levels.Length] : expected, row);
        }

        // Without the declaration the closed day is served whatever the candidates say (here not zero).
        var undeclared = Oracle(Fast).Fit(shut with { AvailabilitySignal = null }).Predict(new ForecastRequest(14, Levels, shut.Signals))[0];
        Assert.True(undeclared.Quantiles[3, Levels.Length - 1] > 0);
    }

    [Fact]
    public void A_stage_registered_before_unavailable_periods_became_missing_is_served_reading_them_as_zero()
    {
        // Oracle: the stage fitted in one go with the option it was registered under. A stage.json written before the
        // option existed has no "unavailable_as_missing"; read back, it must forecast as the zero-reading stage did.
        var data = Data();
        var closed = new List<KeyValuePair<(string, DateOnly, string, string), double>>();
        var first = data.Series[0];
        var quantities = first.Quantities.ToArray();
        for (var d = 0; d < first.Length + 14; d++)
        {
            var shut = d is >= 120 and < 170;
            closed.Add(new(("open", Start.AddDays(d), first.Key.Sku, first.Key.Location), shut ? 0 : 1));
            if (shut && d < quantities.Length)
            {
                quantities[d] = 0;
            }
        }

        var signals = new SignalTable(new Dictionary<string, SignalKind> { ["open"] = SignalKind.KnownInAdvance }, closed);
        var series = data.Series.Select((s, i) => i == 0 ? new DemandSeries(s.Key, s.Period, s.Start, quantities) : s).ToArray();
        data = data with { Series = series, Signals = signals };
        var request = new ForecastRequest(14, Levels, signals);
        var masked = Fast with { Gbdt = Fast.Gbdt with { AvailabilitySignal = "open" }, Selection = Fast.Selection with { ScoreMaskSignal = "open" } };
        var zeros = masked with { Gbdt = masked.Gbdt with { UnavailableAsMissing = false } };
        var expectedMasked = Oracle(masked).Fit(data).Predict(request);
        var expectedZeros = Oracle(zeros).Fit(data).Predict(request);
        Assert.Contains("gbdt", expectedMasked[0].Method, StringComparison.Ordinal);
        Assert.NotEqual(expectedMasked[0].Quantiles.Cast<double>(), expectedZeros[0].Quantiles.Cast<double>());

        static TrainedStage RoundTrip(TrainedStage stage, bool dropOption)
        {
            var files = TrainedStageJson.ToFiles(stage).ToDictionary(f => f.Key, f => (ReadOnlyMemory<byte>)f.Value);
            if (dropOption)
            {
                var root = JsonNode.Parse(files[TrainedStageJson.StageFile].Span)!;
                Assert.True(root["options"]!["gbdt"]!.AsObject().Remove("unavailable_as_missing"));
                files[TrainedStageJson.StageFile] = System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
            }

            return TrainedStageJson.FromFiles(files);
        }

        AssertSame(expectedMasked, RoundTrip(TrainedStage.Train(data, masked).Stage, dropOption: false).CreateForecaster().Fit(data).Predict(request));

        // The input's declaration (settings.csv availability_signal) is the options' signal where they name none: the
        // in-run stage forecasts as the explicitly masked one, and a stage trained on it records the signal, so it is
        // served masked even on an input that declares none.
        var declared = data with { AvailabilitySignal = "open" };
        AssertSame(expectedMasked, Oracle(Fast).Fit(declared).Predict(request));
        var trained = RoundTrip(TrainedStage.Train(declared, Fast).Stage, dropOption: false);
        Assert.Equal("open", trained.Options.Gbdt.AvailabilitySignal);
        Assert.Equal("open", trained.Options.Selection.ScoreMaskSignal);
        AssertSame(expectedMasked, trained.CreateForecaster().Fit(data).Predict(request));
        var old = RoundTrip(TrainedStage.Train(data, zeros).Stage, dropOption: true);
        Assert.False(old.Options.Gbdt.UnavailableAsMissing);
        AssertSame(expectedZeros, old.CreateForecaster().Fit(data).Predict(request));
    }

    [Fact]
    public void The_stage_trains_the_levels_the_forecasts_are_asked_for_and_each_level_model_is_the_one_a_seven_level_fit_trains()
    {
        // One GBDT per level, same rows, options and seed, alpha its own: a level's model cannot depend on which other
        // levels are trained. So asking for 0.1 / 0.5 / 0.9 trains those three, byte for byte the models the default
        // seven-level fit trains at them, and nothing else.
        var data = Data();
        var seven = TrainedStageJson.ToFiles(TrainedStage.Train(data, Fast).Stage);
        var three = TrainedStageJson.ToFiles(TrainedStage.Train(data with { Levels = Levels }, Fast).Stage);
        var models = three.Keys.Where(k => k.StartsWith("gbdt/", StringComparison.Ordinal)).ToArray();
        Assert.Equal([.. new[] { 0, 14, 28, 42 }.SelectMany(o => new[] { "q0.1", "q0.5", "q0.9" }.Select(q => $"gbdt/o{o}/{q}.txt"))], models);
        Assert.All(models, k => Assert.Equal(seven[k], three[k]));
    }

    [Fact]
    public void Any_subset_of_the_sku_nodes_gets_the_forecasts_it_gets_in_the_whole_input()
    {
        // Shards: the stored GBDT fits (with the training vocabulary) and the pooled conformal adjustments are shared,
        // the rest is per sku-node. A stage fitted in one go on the subset differs (other model, other adjustments).
        var data = Data();
        var request = new ForecastRequest(14, Levels, SignalTable.Empty);
        var (stage, model) = TrainedStage.Train(data, Fast);
        var whole = model.Predict(request).ToDictionary(f => f.Key);
        foreach (var skus in new[] { new[] { "S1" }, ["S0", "S3"], ["S2", "S3"] })
        {
            var part = data with { Series = data.Series.Where(s => skus.Contains(s.Key.Sku)).ToArray() };
            var f = stage.CreateForecaster().Fit(part).Predict(request);
            AssertSame(f.Select(x => whole[x.Key]).ToArray(), f);
        }

        var alone = data with { Series = data.Series.Where(s => s.Key.Sku is "S0" or "S3").ToArray() };
        var oneGo = Oracle(Fast).Fit(alone).Predict(request);
        Assert.NotEqual(oneGo.SelectMany(f => f.Quantiles.Cast<double>()), oneGo.SelectMany(f => whole[f.Key].Quantiles.Cast<double>()));
    }

    [Fact]
    public void Progress_reports_every_tree_of_every_quantile_model_and_the_trees_kept()
    {
        var reports = new List<GbdtProgress>();
        var progress = new SyncProgress(reports);
        var (stage, _) = TrainedStage.Train(Data(), Fast, progress);

        // Four GBDT fits (3 backtest origins, final) x 7 levels x 2 passes (early-stopped, then refitted on all rows
        // with that tree count): one Done report each; the refit's carries the kept tree count of the model.
        var done = reports.Where(r => r.Done).ToArray();
        Assert.Equal(4 * 7 * 2, done.Length);
        Assert.Equal(4 * 7, done.Count(r => r.Refit));

        // The refit pass's reports say so, and each refit grows exactly the tree count of its first pass (its budget).
        Assert.All(reports.Where(r => r.Refit), r => Assert.True(r.MaxTrees <= 20 && done.Any(d => !d.Refit && d.Alpha == r.Alpha && d.Trees == r.MaxTrees), $"refit budget {r.MaxTrees}"));
        foreach (var fit in stage.Fits.Values)
        {
            foreach (var m in fit.Model.Models)
            {
                Assert.Contains(done, r => r.Alpha == m.Alpha && r.Trees == m.TreeCount);
            }
        }

        // Per tree, per level and pass: 1, 2, ..., n (each backtest fit: early-stopped pass, refit; then the final fit's two),
        // never fewer than the trees kept; a report carries the budget of 20 trees, or in a refit the early-stopped count.
        Assert.All(reports, r => Assert.True(r.MaxTrees == 20 || done.Any(d => d.Alpha == r.Alpha && d.Trees == r.MaxTrees), $"budget {r.MaxTrees}"));
        foreach (var level in GlobalGbdtOptions.DefaultLevels)
        {
            var grown = reports.Where(r => !r.Done && r.Alpha == level).Select(r => r.Trees).ToArray();
            Assert.Equal(4 * 2, grown.Count(t => t == 1));   // 4 fits x 2 passes
            Assert.All(grown.Zip(grown.Skip(1)), p => Assert.True(p.Second == p.First + 1 || p.Second == 1, $"{p.First} -> {p.Second}"));
            Assert.True(grown.Max() >= done.Where(d => d.Alpha == level).Max(d => d.Trees));
        }
    }

    [Fact]
    public void The_compatibility_rule_names_period_horizon_and_signal_differences()
    {
        var data = Data();
        var (stage, _) = TrainedStage.Train(data, Fast);
        Assert.Null(stage.Mismatch(PeriodKind.Day, data.Series, SignalTable.Empty, 14));
        Assert.Null(stage.Mismatch(PeriodKind.Day, [new DemandSeries(new SkuNode("NEW", "DC"), PeriodKind.Day, Start, new double[100])], SignalTable.Empty, 7));
        Assert.Contains("Week", stage.Mismatch(PeriodKind.Week, data.Series, SignalTable.Empty, 8), StringComparison.Ordinal);
        Assert.Contains("horizons up to 14", stage.Mismatch(PeriodKind.Day, data.Series, SignalTable.Empty, 28), StringComparison.Ordinal);
        var promo = new SignalTable(new Dictionary<string, SignalKind> { ["promo"] = SignalKind.KnownInAdvance }, []);
        Assert.Contains("promo", stage.Mismatch(PeriodKind.Day, data.Series, promo, 14), StringComparison.Ordinal);
    }

    [Fact]
    public void Calibration_json_round_trips_every_adjustment_bit_for_bit()
    {
        var (stage, _) = TrainedStage.Train(Data(), Fast);
        var c = stage.Calibration!;
        var back = QuantileCalibrationJson.FromJson(JsonNode.Parse(QuantileCalibrationJson.ToJson(c).ToJsonString())!);
        Assert.Equal(c.Levels, back.Levels);
        foreach (var segment in new[] { "", Routing.Model, Routing.Intermittent, Routing.New })
        {
            for (var j = 0; j < c.Levels.Count; j++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(c.Adjustment(0, j, segment)), BitConverter.DoubleToInt64Bits(back.Adjustment(0, j, segment)));
            }
        }
    }

    /// <summary>Collects reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SyncProgress(List<GbdtProgress> reports) : IProgress<GbdtProgress>
    {
        public void Report(GbdtProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
