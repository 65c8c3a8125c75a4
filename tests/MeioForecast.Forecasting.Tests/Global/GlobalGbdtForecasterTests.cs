using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Global;

namespace MeioForecast.Forecasting.Tests.Global;

/// <summary>
/// The global GBDT forecaster against closed forms: i.i.d. uniform demand level * U(0.5, 1.5) has the quantile
/// level * (0.5 + p), whatever the level, so one pooled model on per-series scaled targets must give a 1-unit and a
/// 1000-unit series the same relative quantiles; and the training rows obey the time-based split and horizon rotation.
/// </summary>
public class GlobalGbdtForecasterTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);

    private static ForecastTrainingData Uniform(int seed, params double[] levels)
    {
        var rng = new Random(seed);
        var series = levels.Select((level, s) => new DemandSeries(
            new SkuNode($"P{s}", "L"), PeriodKind.Day, Start, Enumerable.Range(0, 240).Select(_ => level * (0.5 + rng.NextDouble())).ToArray())).ToArray();
        return new ForecastTrainingData(PeriodKind.Day, series, SignalTable.Empty, Seed: 7);
    }

    [Fact]
    public void Small_and_large_series_get_the_uniform_quantiles_at_their_own_level()
    {
        var data = Uniform(11, 1, 1000, 1, 1000, 1, 1000, 1, 1000);
        var options = new GlobalGbdtOptions { Horizon = 7, HorizonStride = 1, MaxOrigins = 150, OriginStep = 1, ScaleWeightPower = 0 };
        var levels = new QuantileLevel[] { new(0.1), new(0.5), new(0.9) };
        var f = new GlobalGbdtForecaster(options).Fit(data).Predict(new ForecastRequest(7, levels, SignalTable.Empty));
        foreach (var level in new[] { 1.0, 1000.0 })
        {
            // Mean relative quantile over the 4 series of this level and the 7 steps; true values 0.6, 1.0, 1.4
            // (single rows scatter: the trees fit some noise, and the 91-day scale has ~3% error). Unweighted rows, so that
            // both levels carry the same information (with scale weights the 1-unit series would add almost nothing).
            var mean = new double[3];
            for (var s = 0; s < 8; s++)
            {
                if (data.Series[s].Quantities.Average() / level is < 0.5 or > 2)
                {
                    continue;
                }

                for (var t = 0; t < 7; t++)
                {
                    for (var j = 0; j < 3; j++)
                    {
                        mean[j] += f[s].Quantiles[t, j] / level / 28;
                    }
                }
            }

            Assert.InRange(mean[0], 0.52, 0.68);
            Assert.InRange(mean[1], 0.92, 1.08);
            Assert.InRange(mean[2], 1.3, 1.48);
        }
    }

    [Fact]
    public void Training_rows_split_by_time_and_rotate_the_horizons()
    {
        var data = Uniform(3, 5, 5);
        var forecaster = new GlobalGbdtForecaster(new GlobalGbdtOptions { Horizon = 28, HorizonStride = 4, OriginStep = 3, MaxOrigins = 40, ValidationPeriods = 28 });
        var rows = forecaster.TrainingRows(data.Series, PeriodKind.Day, 28);
        // 40 origins per series (t = 238, 235, ..., 121), each with the 7 horizons h = 4 - (i mod 4), ... (h + i = 0 mod 4).
        var expected = 0;
        for (var i = 0; i < 40; i++)
        {
            expected += Enumerable.Range(1, 28).Count(h => (h + i) % 4 == 0 && 238 - (3 * i) + h <= 239);
        }

        Assert.Equal(2 * expected, rows.Count);
        Assert.All(rows, r => Assert.Equal(0, (r.Horizon + ((238 - r.Origin) / 3)) % 4));
        Assert.Equal(Enumerable.Range(1, 28), rows.Select(r => r.Horizon).Distinct().Order());
        // Validation rows are exactly those whose target lies in the last 28 periods (index >= 212).
        Assert.All(rows, r => Assert.Equal(r.Origin + r.Horizon >= 212, r.Valid));
        Assert.All(rows, r => Assert.True(r.Origin + r.Horizon <= 239));
    }

    [Fact]
    public void A_binding_row_cap_spreads_the_origins_over_the_history_there_is()
    {
        // 2 series x 240 days, 28 horizons per origin (stride 1): the cap of 1000 rows allows 1000 / 56 = 17 origins per
        // series. MaxOrigins 280 at step 3 would span 840 days, but the history has 240 - 1 - 6 = 233 periods of
        // origins: spacing 233 / 17 = 13.7, origins 238 - floor(13.7 i) = 238, 225, 211, ..., 19, all 17 inside the data
        // and over the whole span (spread over 840 days, only 5 would be; an integer step of 13 would stop at 30).
        var data = Uniform(3, 5, 5);
        var forecaster = new GlobalGbdtForecaster(new GlobalGbdtOptions { Horizon = 28, HorizonStride = 1, OriginStep = 3, MaxOrigins = 280, MaxTrainingRows = 1000 });
        var origins = forecaster.TrainingRows(data.Series, PeriodKind.Day, 28).Select(r => r.Origin).Distinct().Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 17).Select(i => 238 - (i * 233 / 17)).Order(), origins);
    }

    [Fact]
    public void Periods_flagged_as_not_observed_are_not_trained()
    {
        // Demand is 10 on six days of each week; the seventh carries 1000 flagged observed = 0 (a week-day the shop has
        // no record of). Every 91-day scale window holds 13 whole weeks, so the scale is (6 x 10 + 1000) / 7 at every
        // training origin and every observed label is the same number: the trees cannot split and every quantile of
        // an observed day is exactly 10. Trained on all rows, 1 day in 7 at 1000 pulls the 0.95 quantile far above.
        var y = Enumerable.Range(0, 400).Select(i => i % 7 == 6 ? 1000.0 : 10.0).ToArray();
        var key = new SkuNode("A", "L");
        var series = new DemandSeries(key, PeriodKind.Day, Start, y);
        var builder = new SignalTableBuilder();
        for (var i = 0; i < 400 + 28; i++)
        {
            builder.TryAdd("observed", Start.AddDays(i), key.Sku, key.Location, i % 7 == 6 ? 0 : 1);
        }

        var signals = builder.Build(new Dictionary<string, SignalKind> { ["observed"] = SignalKind.KnownInAdvance });
        var data = new ForecastTrainingData(PeriodKind.Day, [series], signals, Seed: 3);
        var levels = new QuantileLevel[] { new(0.05), new(0.5), new(0.95) };
        var request = new ForecastRequest(28, levels, signals);
        var masked = new GlobalGbdtForecaster(new GlobalGbdtOptions { AvailabilitySignal = "observed", Gbdt = new() { MinDataInLeaf = 5, NumIterations = 50 } }).Fit(data).Predict(request)[0];
        for (var t = 0; t < 28; t++)
        {
            if ((400 + t) % 7 != 6)
            {
                // LightGBM keeps labels in float32: 10 / scale comes back to 10 within float32 rounding (6e-8 relative).
                Assert.All(masked.At(t), v => Assert.Equal(10.0, v, 5));
            }
        }

        var unmasked = new GlobalGbdtForecaster(new GlobalGbdtOptions { Gbdt = new() { MinDataInLeaf = 5, NumIterations = 50 } }).Fit(data).Predict(request)[0];
        Assert.True(Enumerable.Range(0, 28).Max(t => unmasked.At(t)[2]) > 100);
    }
}
