using System.Text;
using MeioForecast.Pipeline.Holdout;
using MeioForecast.Storage.Output;

namespace MeioForecast.Storage.Tests.Output;

public class HoldoutBandCsvTests
{
    [Fact]
    public void One_row_per_origin_with_a_band_in_the_documented_columns()
    {
        // Two nodes, achieved 0.875 and 0.925 (mean 0.9), target 0.95, predicted 0.94 and 0.96 (mean 0.95); the origin
        // without a band is left out; the shared-dates band follows the run's own.
        HoldoutNode Node(string location, double achieved, double simulated) => new("A", location, 0.95, 0.96, simulated, achieved, 0, 1, 10, 5, 5);
        var report = new HoldoutReport(new DateOnly(2026, 10, 3), 28, "backorder", [Node("S1", 0.875, 0.94), Node("S2", 0.925, 0.96)]);
        var band = new WindowServiceBand("replay", 1000, 0.9512345678, 0.02, 0.91, 0.98, 0.9, 0.031);
        var text = Encoding.UTF8.GetString(HoldoutBandCsv.Write([
            new OriginHoldout(report, null, 100, null) { Band = band, SharedDatesBand = band with { Draws = "replay-shared-dates", Lower = 0.89 } },
            new OriginHoldout(report with { Origin = new DateOnly(2026, 9, 5) }, null, 100, null),
        ]));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Equal("origin,periods,nodes,target_service,predicted_service,achieved_service,draws,windows,band_mean,band_sd,band_p05,band_p95,achieved_pit,inside_band", lines[0]);
        Assert.Equal("2026-10-03,28,2,0.95,0.95,0.9,replay,1000,0.951235,0.02,0.91,0.98,0.031,false", lines[1]);
        Assert.Equal("2026-10-03,28,2,0.95,0.95,0.9,replay-shared-dates,1000,0.951235,0.02,0.89,0.98,0.031,true", lines[2]);
    }
}
