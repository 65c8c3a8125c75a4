using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Forecasting.Backtesting.Replay;
using MeioForecast.Forecasting.Calibration;
using MeioForecast.Forecasting.Global;
using MeioForecast.Forecasting.Selection;

namespace MeioForecast.Forecasting.Tests.Backtesting;

/// <summary>
/// Record and replay of the stage's candidates with live runs as the oracle: a multi-window backtest of the stage whose
/// candidates are served from a record must give the same outcomes, bit for bit, as the stage fitted live under the same
/// rule, for the rule it was recorded with and for others; reusing fits across windows changes no number.
/// </summary>
public class ReplayTests
{
    private static readonly BacktestOptions Windows = new() { Origins = 3, Horizon = 14, Step = 7, Seed = 5 };

    private static ForecastTrainingData Panel()
    {
        var rng = new Random(11);
        var start = new DateOnly(2023, 1, 2);
        var signals = new SignalTableBuilder();
        var series = Enumerable.Range(0, 12).Select(i =>
        {
            var key = new SkuNode("S" + (i % 4), "L" + (i / 4));
            var y = new double[180];
            for (var t = 0; t < y.Length; t++)
            {
                var promo = (t + i) % 11 < 2 ? 1 : 0;
                signals.TryAdd("promo", start.AddDays(t), key.Sku, key.Location, promo);
                y[t] = Math.Round(Math.Max(0, (10 + (3 * i)) * (1 + (0.3 * Math.Sin(t * 2 * Math.PI / 7))) * (1 + (0.5 * promo)) + (4 * (rng.NextDouble() - 0.5))));
            }

            for (var t = y.Length; t < y.Length + 30; t++)
            {
                signals.TryAdd("promo", start.AddDays(t), key.Sku, key.Location, (t + i) % 11 < 2 ? 1 : 0);
            }

            return new DemandSeries(key, PeriodKind.Day, start, y);
        }).ToArray();
        return new ForecastTrainingData(PeriodKind.Day, series, signals.Build(new Dictionary<string, SignalKind> { ["promo"] = SignalKind.KnownInAdvance }), 5);
    }

    private static SelectionOptions Options(SelectionRule rule, ConformalOptions? conformal = null) =>
        new() { Rule = rule, Horizon = 14, Origins = 1, Conformal = conformal ?? new SelectionOptions().Conformal with { MinScores = 10 } };

    private static GlobalGbdtForecaster Gbdt() =>
        new(new GlobalGbdtOptions { MaxOrigins = 12, Gbdt = new GlobalGbdtOptions().Gbdt with { NumIterations = 15 } });

    private static BacktestResult Run(ForecastTrainingData data, SelectionOptions options, Func<IForecaster, IForecaster>? around = null) =>
        RollingOriginBacktester.Run(SelectingForecaster.CreateDefault(options, Gbdt(), around), data, Windows);

    private static void AssertSameOutcomes(BacktestResult expected, BacktestResult actual)
    {
        Assert.Equal(expected.Outcomes.Count, actual.Outcomes.Count);
        for (var i = 0; i < expected.Outcomes.Count; i++)
        {
            var (e, a) = (expected.Outcomes[i], actual.Outcomes[i]);
            Assert.Equal((e.Key, e.Origin, e.FirstDate), (a.Key, a.Origin, a.FirstDate));
            Assert.Equal(e.Quantiles.Cast<double>(), a.Quantiles.Cast<double>());
        }

        Assert.Equal(expected.Overall.Wspl, actual.Overall.Wspl);
        Assert.Equal(expected.Methods, actual.Methods);
    }

    [Fact]
    public void Replay_reproduces_live_runs_under_the_recorded_rule_and_under_others()
    {
        var data = Panel();
        var record = new ForecastRecord();
        var recorders = new List<RecordingForecaster>();
        IForecaster Record(IForecaster f)
        {
            var r = new RecordingForecaster(f, record);
            recorders.Add(r);
            return r;
        }

        var recorded = Run(data, Options(SelectionRule.PooledCombine), Record);
        foreach (var r in recorders)
        {
            r.RecordOrigins(data, Windows);
        }

        // Windows 7 days apart with a one-origin 14-day selection backtest: window k's inner origin is window k + 2's
        // scored origin, so 3 windows need 5 distinct fits of each candidate, not 6.
        Assert.All(recorders, r => Assert.Equal(5, r.FitCount));
        IForecaster Replay(IForecaster f) => new ReplayForecaster(f.Name, record);

        // The oracle of each rule is the live stage, fitted from scratch without any wrapper.
        AssertSameOutcomes(Run(data, Options(SelectionRule.PooledCombine)), recorded);
        AssertSameOutcomes(recorded, Run(data, Options(SelectionRule.PooledCombine), Replay));
        AssertSameOutcomes(Run(data, Options(SelectionRule.Select)), Run(data, Options(SelectionRule.Select), Replay));
        var classes = new SelectionOptions().Conformal with { MinScores = 10, VolumeClasses = 2, RecencyHalfLife = 1 };
        AssertSameOutcomes(Run(data, Options(SelectionRule.Combine, classes)), Run(data, Options(SelectionRule.Combine, classes), Replay));
    }

    [Fact]
    public void Replay_of_an_origin_not_recorded_names_what_the_record_holds()
    {
        var record = new ForecastRecord();
        var data = Panel();
        var e = Assert.Throws<InvalidOperationException>(() => new ReplayForecaster("gbdt", record).Fit(data).Predict(new ForecastRequest(14, [new QuantileLevel(0.5)], data.Signals)));
        Assert.Contains("no 'gbdt' forecast from 2023-06-30", e.Message, StringComparison.Ordinal);
    }
}
