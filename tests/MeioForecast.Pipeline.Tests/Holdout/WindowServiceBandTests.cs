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

    [Fact]
    public void The_summary_compares_each_achieved_value_with_its_window_prediction()
    {
        // Two origins, each band from the twenty windows (mean 0.905): achieved 0.90 and 0.93 are 0.5 and 2.5 pp from
        // their window's prediction, mean 1.50 pp, max 2.50 pp; both inside 0.80-0.95.
        HoldoutNode Node(double achieved) => new("A", "S1", 0.95, 0.96, 0.95, achieved, 0, 1, 10, 5, 5);
        var origins = new[] { 0.90, 0.93 }.Select((a, i) => new OriginHoldout(new HoldoutReport(new DateOnly(2026, 9, 5).AddDays(28 * i), 28, "backorder", [Node(a)]), null, 100, null)
        {
            Band = WindowServiceBand.From("independent", Twenty, a),
        }).ToArray();
        var summary = WindowServiceBand.SummaryLines(origins)[^1];
        Assert.Contains("inside the 90 % band at 2 of 2", summary, StringComparison.Ordinal);
        Assert.EndsWith("|achieved - band mean| (the window's own prediction) mean 1.50 pp, max 2.50 pp", summary, StringComparison.Ordinal);
    }
}
