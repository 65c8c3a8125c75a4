using MeioForecast.Core.Keys;
using MeioForecast.Forecasting.Backtesting;

namespace MeioForecast.Forecasting.Tests.Backtesting;

public class SeasonalNaiveBenchmarkTests
{
    [Fact]
    public void Linear_series_continues_and_short_series_use_pooled_residuals()
    {
        // m = 2, H = 3: k = 1 for h = 1, 2 and k = 2 for h = 3. Series 1 = 1..12: lag-2 differences all 2, lag-4 all 4,
        // so every quantile is base + offset = 13, 14, 15 (closed form). Series 2 = 1, 1, 1 has one lag-2 difference
        // (< minResiduals = 3) and uses the pooled differences {0, 2 x 10}: type-7 quantile at 0.05 = 0 + 0.5 x 2 = 1,
        // at 0.5 = 2; base y_{2+1-2} = 1 -> 2 and 3.
        QuantileLevel[] levels = [new(0.05), new(0.5)];
        var f = SeasonalNaiveBenchmark.Forecast([Enumerable.Range(1, 12).Select(i => (double)i).ToArray(), [1.0, 1.0, 1.0]], 2, 3, levels, minResiduals: 3);
        Assert.Equal([13.0, 14.0, 15.0], Enumerable.Range(0, 3).Select(h => f[0][h, 0]));
        Assert.Equal([13.0, 14.0, 15.0], Enumerable.Range(0, 3).Select(h => f[0][h, 1]));
        Assert.Equal(2.0, f[1][0, 0], 1e-12);
        Assert.Equal(3.0, f[1][0, 1], 1e-12);
    }

    [Fact]
    public void Missing_seasonal_base_falls_back_to_the_last_observation()
    {
        // The base y_{T+1-m} is NaN: the last observed value (4) is used instead; offsets 0 (a constant season).
        double[] y = [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, double.NaN, 4];
        var f = SeasonalNaiveBenchmark.Forecast([y], 2, 1, [new QuantileLevel(0.5)], minResiduals: 1);
        Assert.Equal(4.0, f[0][0, 0]);
    }
}
