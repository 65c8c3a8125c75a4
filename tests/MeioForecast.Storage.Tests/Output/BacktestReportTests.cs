using MeioForecast.Core.Keys;
using MeioForecast.Forecasting.Backtesting;
using MeioForecast.Storage.Output;

namespace MeioForecast.Storage.Tests.Output;

public class BacktestReportTests
{
    [Fact]
    public void Summary_files_carry_the_metrics_of_every_model()
    {
        // One outcome: forecast [3, 4, 6] at levels 0.1/0.5/0.9, actual 5, scale 2, weight 8. Pinball 0.2, 0.5, 0.1
        // (hand-computed), SPL (0.1 + 0.25 + 0.05)/3, the 80% interval [3, 6] covers 5 with width 3.
        QuantileLevel[] levels = [new(0.1), new(0.5), new(0.9)];
        var outcome = new ForecastOutcome(new SkuNode("A", "S"), 0, new DateOnly(2024, 1, 1), levels, new double[,] { { 3, 4, 6 } }, [5], 2, 8);
        var result = new BacktestResult("ssa", [outcome], ForecastMetrics.Compute([outcome]), ForecastMetrics.PerSeries([outcome]), new Dictionary<string, int> { ["ssa"] = 1 });
        using var temp = new TempFolder();
        BacktestReport.Write(temp.Path, [result]);
        var summary = File.ReadAllLines(Path.Combine(temp.Path, "backtest_summary.csv"));
        Assert.Equal("model,points,pinball_q0.1,pinball_q0.5,pinball_q0.9,coverage_q0.1,coverage_q0.5,coverage_q0.9,spl,wspl,cov80,width80,cov90,width90,crps,bias", summary[0]);
        var fields = summary[1].Split(',');
        Assert.Equal("ssa", fields[0]);
        Assert.Equal(0.2, double.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
        Assert.Equal(0.5, double.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
        Assert.Equal(0.4 / 3, double.Parse(fields[8], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
        Assert.Equal("1", fields[10]);
        Assert.Equal("3", fields[11]);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(temp.Path, "backtest_series.csv")).Length);
        Assert.Contains("\"wspl\"", File.ReadAllText(Path.Combine(temp.Path, "backtest_summary.json")), StringComparison.Ordinal);
        Assert.Contains("WSPL", BacktestReport.Table([result]), StringComparison.Ordinal);
    }

    [Fact]
    public void Outcomes_file_has_one_row_per_forecast_period_with_its_date_actual_and_quantiles()
    {
        // A weekly outcome from origin 1 over two weeks starting 2024-01-01: the second week is not scored (NaN actual),
        // so its actual is empty; dates are 7 days apart.
        QuantileLevel[] levels = [new(0.1), new(0.9)];
        var outcome = new ForecastOutcome(new SkuNode("A", "S"), 1, new DateOnly(2024, 1, 1), levels, new double[,] { { 3, 6.5 }, { 2, 4 } }, [5, double.NaN], 2, 8);
        var result = new BacktestResult("gbdt", [outcome], ForecastMetrics.Compute([outcome]), ForecastMetrics.PerSeries([outcome]), new Dictionary<string, int> { ["gbdt"] = 1 });
        using var temp = new TempFolder();
        BacktestReport.WriteOutcomes(temp.Path, [result], Core.Planning.PeriodKind.Week);
        var lines = File.ReadAllLines(Path.Combine(temp.Path, "backtest_outcomes.csv"));
        Assert.Equal(["model,sku,location,origin,date,actual,q0.1,q0.9", "gbdt,A,S,1,2024-01-01,5,3,6.5", "gbdt,A,S,1,2024-01-08,,2,4"], lines);
    }
}
