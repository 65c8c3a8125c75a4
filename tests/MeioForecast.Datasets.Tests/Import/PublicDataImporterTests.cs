using System.IO.Compression;
using System.Text;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Datasets.Import;
using MeioForecast.Storage.Input;
using MeioForecast.Storage.Tests;

namespace MeioForecast.Datasets.Tests.Import;

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
        Assert.Null(planning.Settings.AvailabilitySignal);   // a week without a row sold nothing: scored by the protocol's mask only
        Assert.Null(planning.Settings.PromotionSignal);   // no 0/1 promotion flag (markdowns are amounts, mostly missing)
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
    public void Orange_juice_rows_become_a_weekly_input_folder_with_prices_carried_over_missing_weeks()
    {
        // Store 2 brand 1 has weeks 40 and 42 (week 41 missing); store 5 brand 1 only week 42.
        using var temp = new TempFolder();
        var source = Path.Combine(temp.Path, "src");
        var prices = string.Join(',', Enumerable.Range(1, 11).Select(i => "0.0" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        WriteGz(Path.Combine(source, "dominicks-oj", "oj_weekly.csv.gz"),
            "store,brand,brand_name,week,week_start,units,logmove,own_price,deal,feat,profit," + string.Join(',', Enumerable.Range(1, 11).Select(i => $"price{i}")) + "\n" +
            $"2,1,T,40,1990-06-14,8256,9.0,0.06,1,0.0,37.9,{prices}\n" +
            $"2,1,T,42,1990-06-28,6144,8.7,0.05,0,1.0,30.1,{prices}\n" +
            $"5,1,T,42,1990-06-28,100,4.6,0.04,0,0.0,20.0,{prices}\n");
        var input = PublicDataImporter.Read("oj", source);
        var folder = Path.Combine(temp.Path, "input");
        Assert.Equal(3, InputFolderWriter.Write(input, folder, markObserved: true));

        var planning = PlanningInputLoader.Load(folder);
        Assert.Equal(PeriodKind.Week, planning.Settings.Period);
        Assert.Equal("observed", planning.Settings.AvailabilitySignal);   // a week without a row is a gap in the records
        Assert.Equal("deal", planning.Settings.PromotionSignal);   // deal weeks are calibrated as a class of their own
        var node = new SkuNode("B1", "S2");
        Assert.Equal([8256.0, 0, 6144], planning.Demand.Single(d => d.Key == node).Quantities);
        Assert.True(planning.Signals.TryGetValue("observed", new DateOnly(1990, 6, 21), node, out var observed));
        Assert.Equal(0, observed);
        // Week 41 carries week 40's plan forward; week 42 has its own values.
        Assert.True(planning.Signals.TryGetValue("own_price", new DateOnly(1990, 6, 21), node, out var carried));
        Assert.Equal(0.06, carried, 1e-12);
        Assert.True(planning.Signals.TryGetValue("deal", new DateOnly(1990, 6, 21), node, out var deal));
        Assert.Equal(1, deal);
        Assert.True(planning.Signals.TryGetValue("feat", new DateOnly(1990, 6, 28), node, out var feat));
        Assert.Equal(1, feat);
        Assert.True(planning.Signals.TryGetValue("price11", new DateOnly(1990, 6, 28), new SkuNode("B1", "S5"), out var p11));
        Assert.Equal(0.011, p11, 1e-12);
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

    [Fact]
    public void A_rossmann_day_without_a_row_is_zero_demand_marked_closed()
    {
        // Store 7 has rows on 2015-07-01 and 07-04 only: 07-02 and 07-03 are not in the data (as Rossmann's 2014 gap),
        // so by the input contract they are zero demand, and the importer marks them open = 0 so that no stage reads
        // them as days the store was open and sold nothing; the rows it has keep their own flags.
        using var temp = new TempFolder();
        var source = Path.Combine(temp.Path, "src");
        WriteGz(Path.Combine(source, "rossmann100", "train.csv.gz"),
            "Store,DayOfWeek,Date,Sales,Customers,Open,Promo,StateHoliday,SchoolHoliday\n" +
            "7,3,2015-07-01,5000,500,1,1,0,0\n7,6,2015-07-04,6100,610,1,0,0,0\n");
        var folder = Path.Combine(temp.Path, "input");
        InputFolderWriter.Write(PublicDataImporter.Read("rossmann", source), folder, markObserved: false);
        var planning = PlanningInputLoader.Load(folder);
        var s = Assert.Single(planning.Demand);
        Assert.Equal([5000, 0, 0, 6100], s.Quantities);
        double Open(int day) => planning.Signals.TryGetValue("open", new DateOnly(2015, 7, day), s.Key, out var v) ? v : double.NaN;
        Assert.Equal([1.0, 0, 0, 1], new[] { Open(1), Open(2), Open(3), Open(4) });
        Assert.Equal("open", planning.Settings.AvailabilitySignal);
        Assert.Equal("promo", planning.Settings.PromotionSignal);
        Assert.False(planning.Signals.TryGetValue("observed", new DateOnly(2015, 7, 2), s.Key, out _));
    }

    [Fact]
    public void Distribution_centers_deal_stores_round_robin_and_hold_each_sku_they_supply()
    {
        // Hand-built expectation (docs/holdout.md): stores S1, S2, S3 in ordinal order dealt to DC-1, DC-2, DC-1;
        // sku A sold at S1 and S2 is held at DC-1 and DC-2, sku B sold only at S3 only at DC-1.
        using var temp = new TempFolder();
        var input = new ImportedInput { Name = "t", Period = "week", Horizon = 2 };
        var monday = new DateOnly(2026, 1, 5);
        for (var w = 0; w < 10; w++)
        {
            input.AddDemand("A", "S1", monday.AddDays(7 * w), 5 + w);
            input.AddDemand("A", "S2", monday.AddDays(7 * w), 3);
            input.AddDemand("B", "S3", monday.AddDays(7 * w), 1);
        }

        var folder = Path.Combine(temp.Path, "input");
        InputFolderWriter.Write(input, folder, markObserved: false, distributionCenters: 2);

        Assert.Equal(
            "from,to,lead_time_mean,lead_time_sd\nSUPPLIER,DC-1,2,0.5\nSUPPLIER,DC-2,2,0.5\nDC-1,S1,1,\nDC-2,S2,1,\nDC-1,S3,1,\n",
            File.ReadAllText(Path.Combine(folder, "lanes.csv")).ReplaceLineEndings("\n"));
        var planning = PlanningInputLoader.Load(folder);
        Assert.Equal(
            ["A@DC-1", "A@DC-2", "A@S1", "A@S2", "B@DC-1", "B@S3"],
            planning.SkuNodes.Select(n => $"{n.Key.Sku}@{n.Key.Location}").Order(StringComparer.Ordinal));
    }
}
