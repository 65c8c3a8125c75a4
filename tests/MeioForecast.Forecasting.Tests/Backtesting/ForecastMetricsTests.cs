using MeioForecast.Core.Keys;
using MeioForecast.Forecasting.Backtesting;

namespace MeioForecast.Forecasting.Tests.Backtesting;

public class ForecastMetricsTests
{
    private static readonly QuantileLevel[] Levels = [new(0.1), new(0.5), new(0.9)];

    [Fact]
    public void Pinball_loss_matches_its_definition()
    {
        // Koenker & Bassett: max(p d, (p-1) d), d = y - q.
        Assert.Equal(1.8, QuantileLoss.Pinball(10, 8, 0.9), 1e-12);
        Assert.Equal(0.2, QuantileLoss.Pinball(10, 12, 0.9), 1e-12);
        Assert.Equal(0.0, QuantileLoss.Pinball(10, 10, 0.3), 1e-12);
    }

    [Fact]
    public void Crps_of_a_point_forecast_is_the_absolute_error()
    {
        // Gneiting & Raftery (2007): the CRPS of a point mass at c is |y - c|; with levels (j - 0.5)/J the quadrature is exact.
        var levels = Enumerable.Range(1, 10).Select(j => new QuantileLevel((j - 0.5) / 10)).ToArray();
        var q = Enumerable.Repeat(4.0, 10).ToArray();
        Assert.Equal(3.0, QuantileLoss.Crps(7, q, levels), 1e-12);
        Assert.Equal(1.5, QuantileLoss.Crps(2.5, q, levels), 1e-12);
    }

    [Fact]
    public void M5_scale_starts_at_the_first_non_zero_value_and_skips_unobserved_periods()
    {
        // From the first non-zero value: 3, 5, 4, 0 -> |2|, |1|, |4| -> 7/3 (M5 guide: in-sample naive one-step MAE).
        Assert.Equal(7.0 / 3, M5Scale.Of([0, 0, 3, double.NaN, 5, 4, 0]), 1e-12);
        Assert.True(double.IsNaN(M5Scale.Of([0, 0, 2])));
        Assert.Equal(4.0 + 1.0, M5Scale.Weight([7, 1, double.NaN, 4, double.NaN], 2), 1e-12); // last two observed: 4 and 1
    }

    [Fact]
    public void Tiny_example_matches_hand_computation_and_the_shared_peer()
    {
        // Two series, horizon 2, levels 0.1/0.5/0.9. Hand-computed (and the same numbers from the shared peer's
        // evaluate(), shared/peers/sklearn_quantile_baseline.py, run on this example with H_EVAL = 2):
        // A: history 2,4,3,5 (scale 5/3, weight 3+5=8), forecasts [3,4,6],[2,5,7], actuals 5,1.
        // B: history 10,10,12,8 (scale 2, weight 20), forecast [8,10,12], actual 11 (second step unscored).
        // pinball = 0.46667, 1.0, 0.26667; SPL per level 0.24, 0.5, 0.13; SPL 0.29; WSPL (8 x 0.43 + 20 x 0.15)/28 = 0.23;
        // cov80 2/3; width80 4; coverage per level 1/3, 1/3, 1; bias (-1 + 4 - 1)/3; CRPS (0.61111 + 2.61111 + 0.66667)/3.
        var a = new ForecastOutcome(new SkuNode("A", "X"), 0, default, Levels, new double[,] { { 3, 4, 6 }, { 2, 5, 7 } }, [5, 1], M5Scale.Of([2, 4, 3, 5]), M5Scale.Weight([2, 4, 3, 5], 2));
        var b = new ForecastOutcome(new SkuNode("B", "X"), 0, default, Levels, new double[,] { { 8, 10, 12 }, { 7, 9, 11 } }, [11, double.NaN], M5Scale.Of([10, 10, 12, 8]), M5Scale.Weight([10, 10, 12, 8], 2));
        var m = ForecastMetrics.Compute([a, b]);
        Assert.Equal(3, m.Points);
        Assert.Equal([0.466666666667, 1.0, 0.266666666667], m.Pinball.Select(v => Math.Round(v, 12)));
        Assert.Equal([0.24, 0.5, 0.13], m.ScaledPinball.Select(v => Math.Round(v, 12)));
        Assert.Equal(0.29, m.Spl, 1e-12);
        Assert.Equal(0.23, m.Wspl, 1e-12);
        Assert.Equal([1.0 / 3, 1.0 / 3, 1.0], m.Coverage);
        var i80 = Assert.Single(m.Intervals);
        Assert.Equal(0.8, i80.Nominal, 1e-12);
        Assert.Equal(2.0 / 3, i80.Coverage, 1e-12);
        Assert.Equal(4.0, i80.Width, 1e-12);
        Assert.Equal(2.0 / 3, m.Bias, 1e-12);
        Assert.Equal((0.55 / 0.9 + (2.35 / 0.9) + (0.6 / 0.9)) / 3, m.Crps, 1e-12);
        Assert.Equal(28.0, m.Weight);

        var per = ForecastMetrics.PerSeries([a, b]);
        Assert.Equal(0.43, per[0].Value.Spl, 1e-12);
        Assert.Equal(0.15, per[1].Value.Spl, 1e-12);
    }
}
