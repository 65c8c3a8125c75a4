using System.IO.Compression;
using System.Text;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Storage.Import;
using MeioForecast.Storage.Input;

namespace MeioForecast.Storage.Tests.Import;

public class PublicDataImporterTests
{
    private static void WriteGz(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public void Walmart_rows_become_a_loadable_weekly_input_folder()
    {
        // Tiny Kaggle-format extract: store 1 dept 2 misses 2010-02-19 and has a return (-5) on 2010-02-26.
        using var temp = new TempFolder();
        var source = Path.Combine(temp.Path, "src");
        WriteGz(Path.Combine(source, "walmart", "train.csv.gz"),
            "Store,Dept,Date,Weekly_Sales,IsHoliday\n1,2,2010-02-05,100.5,FALSE\n1,2,2010-02-12,80,TRUE\n1,2,2010-02-26,-5,FALSE\n1,3,2010-02-26,7,FALSE\n");
        WriteGz(Path.Combine(source, "walmart", "features.csv.gz"),
            "Store,Date,Temperature,Fuel_Price,MarkDown1,MarkDown2,MarkDown3,MarkDown4,MarkDown5,CPI,Unemployment,IsHoliday\n" +
            string.Concat(Enumerable.Range(0, 12).Select(i => $"1,{new DateOnly(2010, 2, 5).AddDays(7 * i):yyyy-MM-dd},40.5,2.5,NA,NA,NA,NA,NA,211.1,8.1,{(i == 1 ? "TRUE" : "FALSE")}\n")));
        var folder = Path.Combine(temp.Path, "input");
        var input = PublicDataImporter.Read("walmart", source);
        Assert.Equal(4, InputFolderWriter.Write(input, folder, markObserved: true));

        var planning = PlanningInputLoader.Load(folder);
        Assert.Equal(PeriodKind.Week, planning.Settings.Period);
        Assert.Equal(8, planning.Settings.Horizon);
        var d2 = planning.Demand.Single(d => d.Key == new SkuNode("D2", "S1"));
        Assert.Equal(new DateOnly(2010, 2, 5), d2.Start);
        Assert.Equal([100.5, 80, 0, 0], d2.Quantities); // missing week = 0, return clipped to 0
        var node = d2.Key;
        Assert.True(planning.Signals.TryGetValue("observed", new DateOnly(2010, 2, 19), node, out var missing));
        Assert.Equal(0, missing);
        Assert.True(planning.Signals.TryGetValue("observed", new DateOnly(2010, 2, 12), node, out var present));
        Assert.Equal(1, present);
        Assert.True(planning.Signals.TryGetValue("holiday", new DateOnly(2010, 2, 12), node, out var holiday));
        Assert.Equal(1, holiday);
        Assert.True(planning.Signals.TryGetValue("markdown3", new DateOnly(2010, 2, 12), node, out var markdown));
        Assert.Equal(0, markdown);
        Assert.True(planning.Signals.TryGetValue("cpi", new DateOnly(2010, 4, 16), node, out var cpi));
        Assert.Equal(211.1, cpi, 1e-9);
    }

    [Fact]
    public void Rossmann_rows_become_a_loadable_daily_input_folder_with_open_flags()
    {
        using var temp = new TempFolder();
        var source = Path.Combine(temp.Path, "src");
        WriteGz(Path.Combine(source, "rossmann100", "train.csv.gz"),
            "Store,DayOfWeek,Date,Sales,Customers,Open,Promo,StateHoliday,SchoolHoliday\n" +
            "7,3,2015-07-01,5000,500,1,1,0,0\n7,4,2015-07-02,0,0,0,0,a,1\n7,5,2015-07-03,6100,610,1,0,0,0\n");
        var folder = Path.Combine(temp.Path, "input");
        var input = PublicDataImporter.Read("rossmann", source);
        InputFolderWriter.Write(input, folder, markObserved: false);
        var planning = PlanningInputLoader.Load(folder);
        var s = Assert.Single(planning.Demand);
        Assert.Equal(new SkuNode("ALL", "R0007"), s.Key);
        Assert.Equal([5000, 0, 6100], s.Quantities);
        Assert.True(planning.Signals.TryGetValue("open", new DateOnly(2015, 7, 2), s.Key, out var open));
        Assert.Equal(0, open);
        Assert.True(planning.Signals.TryGetValue("state_holiday", new DateOnly(2015, 7, 2), s.Key, out var holiday));
        Assert.Equal(1, holiday);
        Assert.Equal("open", input.ScoreMask);
    }
}
