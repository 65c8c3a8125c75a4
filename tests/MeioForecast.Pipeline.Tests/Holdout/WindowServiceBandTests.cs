using MeioForecast.Pipeline.Holdout;

namespace MeioForecast.Pipeline.Tests.Holdout;

public class WindowServiceBandTests
{
    // Twenty windows counted by hand: 0.80 once, 0.85 three times, 0.90 ten times, 0.95 five times, 1.00 once.
    private static readonly double[] Twenty = [0.9, 0.85, 0.95, 0.9, 0.8, 0.9, 0.9, 1.0, 0.85, 0.9, 0.95, 0.9, 0.9, 0.95, 0.85, 0.9, 0.95, 0.9, 0.95, 0.9];

    [Fact]
    public void Band_ends_are_type_1_quantiles_and_pit_is_the_mid_pit()
    {
        // 5 %: the 1st of 20 sorted values (ECDF reaches 0.05 there) = 0.80; 95 %: the 19th = 0.95 (Hyndman & Fan type 1).
        // Achieved 0.90: 4 windows below, 10 equal -> mid-PIT (4 + 5) / 20 = 0.45 (Czado, Gneiting & Held 2009).
        var band = WindowServiceBand.From("independent", Twenty, 0.90);
        Assert.Equal(0.80, band.Lower, 12);
        Assert.Equal(0.95, band.Upper, 12);
        Assert.Equal(0.45, band.Pit, 12);
        Assert.Equal(0.905, band.Mean, 12); // (0.8 + 2.55 + 9 + 4.75 + 1) / 20
        Assert.True(band.Inside);
    }

    [Fact]
    public void An_achieved_value_beyond_every_window_has_pit_0_or_1_and_is_outside()
    {
        var low = WindowServiceBand.From("replay", Twenty, 0.5);
        Assert.Equal(0.0, low.Pit);
        Assert.False(low.Inside);
        var high = WindowServiceBand.From("replay", Twenty, 1.0);
        Assert.Equal(0.975, high.Pit, 12); // 19 below, 1 equal
        Assert.False(high.Inside);
    }
}
