using MeioForecast.Core.Keys;
using MeioForecast.Forecasting;
using MeioForecast.Forecasting.Backtesting.Replay;
using MeioForecast.Storage.Output;

namespace MeioForecast.Storage.Tests.Output;

/// <summary>
/// The forecast record on disk: every double comes back with the same bits (a replay must see exactly what the live run
/// saw, so the oracle is the written value itself), one file per origin, and a damaged file is named in the error.
/// </summary>
public class ForecastRecordFilesTests
{
    private static readonly QuantileLevel[] Levels = [new(0.05), new(0.5), new(0.95)];

    private static SeriesForecast Forecast(string sku, DateOnly first, double a, string method)
    {
        var q = new double[2, 3];
        q[0, 0] = a;
        q[0, 1] = a + (1.0 / 3);
        q[0, 2] = a + Math.PI;
        q[1, 0] = double.Epsilon;
        q[1, 1] = 0.1 + 0.2;
        q[1, 2] = 1e300;
        return new SeriesForecast(new SkuNode(sku, "Lé,\"x"), first, Levels, q, method);
    }

    [Fact]
    public void Round_trip_keeps_every_bit_and_writes_one_file_per_origin()
    {
        using var folder = new TempFolder();
        var record = new ForecastRecord();
        var d1 = new DateOnly(2024, 3, 4);
        var d2 = new DateOnly(2024, 3, 11);
        var levels = ForecastRecordKey.LevelsText(Levels);
        record.Add(new ForecastRecordKey("gbdt", d1, 2, levels), [Forecast("A", d1.AddDays(7), 1.1, "gbdt"), Forecast("B", d1.AddDays(7), 0, "gbdt")]);
        record.Add(new ForecastRecordKey("ssa", d1, 2, levels), [Forecast("A", d1.AddDays(7), 2.2, "ssa-fallback-short")]);
        record.Add(new ForecastRecordKey("gbdt", d2, 2, levels), [Forecast("A", d2.AddDays(7), 3.3, "gbdt")]);
        ForecastRecordFiles.Write(folder.Path, record);
        Assert.Equal([ForecastRecordFiles.FileName(d1), ForecastRecordFiles.FileName(d2)], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var back = ForecastRecordFiles.Read(folder.Path);
        Assert.Equal(record.Entries.Select(e => e.Key), back.Entries.Select(e => e.Key));
        foreach (var (key, forecasts) in record.Entries)
        {
            var read = back.Get(key);
            Assert.Equal(forecasts.Count, read.Count);
            for (var i = 0; i < forecasts.Count; i++)
            {
                Assert.Equal((forecasts[i].Key, forecasts[i].FirstDate, forecasts[i].Method), (read[i].Key, read[i].FirstDate, read[i].Method));
                Assert.Equal(forecasts[i].Levels, read[i].Levels);
                Assert.Equal(forecasts[i].Quantiles.Cast<double>().Select(BitConverter.DoubleToInt64Bits), read[i].Quantiles.Cast<double>().Select(BitConverter.DoubleToInt64Bits));
            }
        }
    }

    [Fact]
    public void A_damaged_file_or_an_empty_folder_is_named()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<InvalidDataException>(() => ForecastRecordFiles.Read(folder.Path));
        Assert.Contains(folder.Path, e.Message, StringComparison.Ordinal);

        var record = new ForecastRecord();
        var d = new DateOnly(2024, 3, 4);
        record.Add(new ForecastRecordKey("gbdt", d, 2, ForecastRecordKey.LevelsText(Levels)), [Forecast("A", d.AddDays(7), 1, "gbdt")]);
        ForecastRecordFiles.Write(folder.Path, record);
        var path = Path.Combine(folder.Path, ForecastRecordFiles.FileName(d));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        e = Assert.Throws<InvalidDataException>(() => ForecastRecordFiles.Read(folder.Path));
        Assert.Contains(ForecastRecordFiles.FileName(d), e.Message, StringComparison.Ordinal);
    }
}
