using MeioForecast.Core.Demand;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Forecasting.Global;
using MeioForecast.Forecasting.Ssa;

namespace MeioForecast.Forecasting.Tests.Global;

/// <summary>
/// Per-series contributions against the forecasters' own predictions: TreeSHAP local accuracy (Lundberg &amp; Lee 2017:
/// base + contributions = the model output) through the public Predict of the global GBDT, and SSA's signal terms against
/// the change of SSA's forecast when only the future signal changes.
/// </summary>
public class ForecastContributionsTests
{
    private static readonly DateOnly Start = new(2025, 1, 6);
    private const int Length = 210;
    private const int Horizon = 14;

    /// <summary>Six series, demand 20..45 x weekly pattern, doubled on promotion days (one in six), a little noise.</summary>
    private static (ForecastTrainingData Data, SignalTable Signals, SignalTable NoFuturePromotion) Data()
    {
        var rng = new Random(3);
        var series = new List<DemandSeries>();
        var values = new List<KeyValuePair<(string, DateOnly, string, string), double>>();
        var quiet = new List<KeyValuePair<(string, DateOnly, string, string), double>>();
        for (var s = 0; s < 6; s++)
        {
            var y = new double[Length];
            for (var t = 0; t < Length + Horizon; t++)
            {
                var promo = ((t * 5) + (s * 3)) % 6 == 0 ? 1.0 : 0.0;
                values.Add(new(("promotion", Start.AddDays(t), "A", $"S{s}"), promo));
                quiet.Add(new(("promotion", Start.AddDays(t), "A", $"S{s}"), t < Length ? promo : 0.0));
                if (t < Length)
                {
                    y[t] = (20 + (5 * s)) * (1 + (0.3 * Math.Sin(2 * Math.PI * t / 7))) * (1 + promo) * (0.9 + (0.2 * rng.NextDouble()));
                }
            }

            series.Add(new DemandSeries(new SkuNode("A", $"S{s}"), PeriodKind.Day, Start, y));
        }

        var kinds = new Dictionary<string, SignalKind> { ["promotion"] = SignalKind.KnownInAdvance };
        var signals = new SignalTable(kinds, values);
        return (new ForecastTrainingData(PeriodKind.Day, series, signals, Seed: 5), signals, new SignalTable(kinds, quiet));
    }

    private static string Group(string feature) => feature.StartsWith("promotion", StringComparison.Ordinal) ? "promotion" : "rest";

    [Fact]
    public void Gbdt_contributions_add_up_to_the_served_quantiles()
    {
        var (data, signals, _) = Data();
        var levels = new QuantileLevel[] { new(0.1), new(0.5), new(0.9) };
        var options = new GlobalGbdtOptions { Horizon = Horizon, Levels = [0.1, 0.5, 0.9], MaxOrigins = 60, OriginStep = 2 };
        var model = new GlobalGbdtForecaster(options).Fit(data);
        var request = new ForecastRequest(Horizon, levels, signals);
        var forecasts = model.Predict(request);
        var contributions = ForecastContributions.Compute(model, request, Group);
        Assert.Equal(data.Series.Select(s => s.Key), contributions.Select(c => c.Key));
        var compared = 0;
        for (var s = 0; s < contributions.Count; s++)
        {
            var c = contributions[s];
            Assert.Equal([0.1, 0.5, 0.9], c.Levels);
            Assert.Equal(["rest", "promotion"], c.Groups);
            Assert.Equal(forecasts[s].FirstDate, c.FirstDate);
            for (var t = 0; t < Horizon; t++)
            {
                var sums = Enumerable.Range(0, 3).Select(k => c.Base[k][t] + c.Values[k][t].Sum()).ToArray();

                // Predict sorts the three levels and clips at zero; where the raw outputs are already sorted and positive
                // it must equal base + contributions exactly (up to rounding).
                if (sums[0] > 0 && sums[0] <= sums[1] && sums[1] <= sums[2])
                {
                    for (var k = 0; k < 3; k++)
                    {
                        Assert.Equal(forecasts[s].Quantiles[t, k], sums[k], 1e-9 * Math.Max(1, sums[k]));
                    }

                    compared++;
                }
            }
        }

        Assert.True(compared > contributions.Count * Horizon / 2, $"only {compared} rows were monotone");

        // The promotion days of the horizon carry a positive promotion contribution at the median, the others a negative one.
        var s0 = contributions[0];
        var promoted = Enumerable.Range(0, Horizon).Where(t => ((Length + t) * 5) % 6 == 0).ToArray();
        Assert.NotEmpty(promoted);
        Assert.All(promoted, t => Assert.True(s0.Values[1][t][1] > 0, $"step {t}: {s0.Values[1][t][1]}"));
        Assert.All(Enumerable.Range(0, Horizon).Except(promoted), t => Assert.True(s0.Values[1][t][1] < 0, $"step {t}: {s0.Values[1][t][1]}"));
    }

    [Fact]
    public void A_day_the_stage_serves_as_zero_for_a_closed_shop_has_no_contribution_in_any_group()
    {
        // The stage serves a closed day (availability signal 0) as zero after every model has spoken. Its contributions
        // must be zero there too, base included, so that the caller's residual ("other models": SSA's own forecast, the
        // fallback, calibration) is not charged with cancelling what the GBDT says a closed day would sell; open days keep
        // the GBDT's base (its expected value times the scale, positive demand here).
        var data = Trained.TrainedStageTests.Data();
        var first = data.Series[0];
        var signals = new SignalTable(
            new Dictionary<string, SignalKind> { ["open"] = SignalKind.KnownInAdvance },
            data.Series.SelectMany(s => Enumerable.Range(0, s.Length + 14).Select(d => new KeyValuePair<(string, DateOnly, string, string), double>(
                ("open", s.Start.AddDays(d), s.Key.Sku, s.Key.Location), d % 7 == 6 ? 0 : 1))).ToList());
        var declared = data with { Signals = signals, AvailabilitySignal = "open" };
        var options = Trained.TrainedStageTests.Fast;
        var model = MeioForecast.Forecasting.Selection.SelectingForecaster.CreateDefault(options.Selection, new GlobalGbdtForecaster(options.Gbdt)).Fit(declared);
        var request = new ForecastRequest(14, [new(0.1), new(0.5), new(0.9)], signals);
        var served = model.Predict(request);
        var contributions = ForecastContributions.Compute(model, request, Group);
        Assert.NotEmpty(contributions);
        var closedSteps = 0;
        foreach (var c in contributions)
        {
            var forecast = served.Single(f => f.Key == c.Key);
            for (var t = 0; t < 14; t++)
            {
                if ((first.Length + t) % 7 == 6)
                {
                    Assert.All(Enumerable.Range(0, 3), j => Assert.Equal(0.0, forecast.Quantiles[t, j]));
                    Assert.All(Enumerable.Range(0, c.Levels.Count), k => Assert.Equal(0.0, c.Base[k][t]));
                    Assert.All(Enumerable.Range(0, c.Levels.Count), k => Assert.All(c.Values[k][t], v => Assert.Equal(0.0, v)));
                    closedSteps++;
                }
                else
                {
                    Assert.True(c.Base[1][t] > 0, $"{c.Key} step {t}: open day without the GBDT's base");
                }
            }
        }

        Assert.True(closedSteps >= contributions.Count * 2);
    }

    [Fact]
    public void Ssa_signal_terms_equal_the_forecast_change_when_only_the_future_signal_changes()
    {
        var (data, signals, quiet) = Data();
        var levels = new QuantileLevel[] { new(0.05), new(0.5), new(0.95) };
        var model = new SsaForecaster(new SsaOptions { WindowSize = 28 }).Fit(data);
        var with = model.Predict(new ForecastRequest(Horizon, levels, signals));
        var without = model.Predict(new ForecastRequest(Horizon, levels, quiet));
        var cWith = ForecastContributions.Compute(model, new ForecastRequest(Horizon, levels, signals), Group);
        var cWithout = ForecastContributions.Compute(model, new ForecastRequest(Horizon, levels, quiet), Group);
        Assert.Equal(data.Series.Count, cWith.Count);
        var moved = 0;
        for (var s = 0; s < cWith.Count; s++)
        {
            for (var t = 0; t < Horizon; t++)
            {
                for (var k = 0; k < 3; k++)
                {
                    // No GBDT: no base; the signal term shifts every level alike (oracle: SSA's own forecast difference).
                    Assert.Equal(0.0, cWith[s].Base[k][t]);
                    var delta = with[s].Quantiles[t, k] - without[s].Quantiles[t, k];
                    if (without[s].Quantiles[t, k] > 0 && with[s].Quantiles[t, k] > 0)
                    {
                        Assert.Equal(delta, cWith[s].Values[k][t].Sum() - cWithout[s].Values[k][t].Sum(), 1e-9);
                        moved += Math.Abs(delta) > 1 ? 1 : 0;
                    }
                }
            }
        }

        Assert.True(moved > 0, "the future promotion moved no forecast");
    }
}
