using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Baseline;
using MeioForecast.Forecasting.Calibration;
using MeioForecast.Forecasting.Global;
using MeioForecast.Forecasting.Selection;
using MeioForecast.Forecasting.Ssa;

namespace MeioForecast.Forecasting.Tests.Contract;

/// <summary>
/// The generic forecaster contract (STYLE.md rule 9), run against every forecaster: fit + predict equals a one-shot
/// fit-and-predict of a longer horizon over its first steps, output length = horizon, one forecast per series in order,
/// quantiles finite, monotone and non-negative, deterministic under a seed, missing future signals rejected.
/// </summary>
public class ForecasterContractTests
{
    private static readonly QuantileLevel[] Levels = [new(0.05), new(0.1), new(0.5), new(0.9), new(0.95)];
    private static readonly DateOnly Start = new(2023, 1, 2);

    /// <summary>Forecaster name, factory, and whether it uses known-in-advance signals.</summary>
    public static TheoryData<string, bool> Forecasters => new()
    {
        { "baseline", false },
        { "ssa", true },
        { "ssa+conformal", true },
        { "gbdt", true },
        { "stage", true },
    };

    private static IForecaster Create(string name) => name switch
    {
        "baseline" => new SeasonalEmpiricalForecaster(),
        "ssa" => new SsaForecaster(),
        "ssa+conformal" => new ConformalForecaster(new SsaForecaster(), new ConformalOptions { Origins = 2, Horizon = 7 }),
        "gbdt" => new GlobalGbdtForecaster(),
        "stage" => SelectingForecaster.CreateDefault(new SelectionOptions { Horizon = 14 }),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static (ForecastTrainingData Data, SignalTable Signals) Data(int seed)
    {
        var rng = new Random(seed);
        var promo = Enumerable.Range(0, 200).Select(_ => rng.NextDouble() < 0.2 ? 1.0 : 0.0).ToArray();
        var values = promo.Select((v, i) => KeyValuePair.Create((Name: "promo", Date: Start.AddDays(i), Sku: "", Location: ""), v)).ToArray();
        var signals = new SignalTable(new Dictionary<string, SignalKind> { ["promo"] = SignalKind.KnownInAdvance }, values);
        var series = new List<DemandSeries>();
        for (var s = 0; s < 3; s++)
        {
            var y = Enumerable.Range(0, 160).Select(i => Math.Max(0, 30 + (10 * s) + (8 * Math.Sin(2 * Math.PI * i / 7)) + (15 * promo[i]) + (4 * rng.NextDouble()))).ToArray();
            series.Add(new DemandSeries(new SkuNode($"P{s}", "L1"), PeriodKind.Day, Start, y));
        }

        series.Add(new DemandSeries(new SkuNode("P9", "L1"), PeriodKind.Day, Start.AddDays(150), [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]));
        return (new ForecastTrainingData(PeriodKind.Day, series, signals, Seed: 42), signals);
    }

    [Theory]
    [MemberData(nameof(Forecasters))]
    public void Output_has_one_forecast_per_series_of_the_requested_horizon_with_monotone_quantiles(string name, bool usesSignals)
    {
        _ = usesSignals;
        var (data, signals) = Data(1);
        var forecasts = Create(name).Fit(data).Predict(new ForecastRequest(14, Levels, signals));
        Assert.Equal(data.Series.Select(s => s.Key), forecasts.Select(f => f.Key));
        for (var i = 0; i < forecasts.Count; i++)
        {
            var f = forecasts[i];
            Assert.Equal(14, f.Horizon);
            Assert.Equal(data.Series[i].End.AddDays(1), f.FirstDate);
            Assert.Equal(Levels, f.Levels);
            for (var t = 0; t < 14; t++)
            {
                for (var j = 0; j < Levels.Length; j++)
                {
                    Assert.True(double.IsFinite(f.Quantiles[t, j]) && f.Quantiles[t, j] >= 0);
                    Assert.True(j == 0 || f.Quantiles[t, j] >= f.Quantiles[t, j - 1]);
                }
            }
        }

        // A spread that is not degenerate on the noisy series.
        Assert.True(forecasts[0].Quantiles[0, 4] > forecasts[0].Quantiles[0, 0]);
    }

    [Theory]
    [MemberData(nameof(Forecasters))]
    public void Fit_then_predict_equals_the_one_shot_forecast_and_is_deterministic(string name, bool usesSignals)
    {
        _ = usesSignals;
        var (data, signals) = Data(2);
        var model = Create(name).Fit(data);
        var shortRun = model.Predict(new ForecastRequest(7, Levels, signals));
        var again = model.Predict(new ForecastRequest(7, Levels, signals));
        var oneShot = Create(name).Fit(data).Predict(new ForecastRequest(14, Levels, signals));
        for (var s = 0; s < shortRun.Count; s++)
        {
            for (var t = 0; t < 7; t++)
            {
                for (var j = 0; j < Levels.Length; j++)
                {
                    Assert.Equal(shortRun[s].Quantiles[t, j], again[s].Quantiles[t, j]);
                    Assert.Equal(shortRun[s].Quantiles[t, j], oneShot[s].Quantiles[t, j]);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Forecasters))]
    public void Missing_future_signal_values_are_rejected_when_the_model_uses_them(string name, bool usesSignals)
    {
        var (data, signals) = Data(3);
        var model = Create(name).Fit(data);
        var lastKnown = Start.AddDays(165);
        var truncated = new SignalTable(signals.Kinds, Enumerable.Range(0, 166).Select(i =>
        {
            signals.TryGetValue("promo", Start.AddDays(i), new SkuNode("P0", "L1"), out var v);
            return KeyValuePair.Create((Name: "promo", Date: Start.AddDays(i), Sku: "", Location: ""), v);
        }));
        var request = new ForecastRequest(14, Levels, truncated);
        if (usesSignals)
        {
            var ex = Assert.Throws<MissingFutureSignalException>(() => model.Predict(request));
            Assert.Equal("promo", ex.Signal);
            Assert.Equal(lastKnown.AddDays(1), ex.Date);
            Assert.Contains("promo", ex.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(4, model.Predict(request).Count);
        }
    }
}
