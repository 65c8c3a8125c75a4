using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Input;

namespace MeioForecast.Datasets.SampleData;

/// <summary>
/// Writes a realistic, deterministic sample input folder: one supplier, 2 plants, 3 distribution centers, 12 stores;
/// 24 skus; two years of daily store demand with weekly and yearly seasonality, trend, promotions that lift demand,
/// price changes with elasticity, holidays (stores closed on Christmas Day), weather sensitivity for some skus,
/// intermittent slow movers, negative-binomial noise, and lead-time variability that differs by lane. The same seed
/// always writes the same bytes.
/// </summary>
public static class SampleDataGenerator
{
    /// <summary>First day of history.</summary>
    public static readonly DateOnly HistoryStart = new(2024, 11, 1);

    /// <summary>Days of history (two years).</summary>
    public const int HistoryDays = 730;

    /// <summary>Forecast horizon in days, and the days of future known signals written.</summary>
    public const int Horizon = 28;

    /// <summary>Skus of the default sample (data-samples/).</summary>
    public const int DefaultSkus = 24;

    /// <summary>Stores of the default sample (data-samples/).</summary>
    public const int DefaultStores = 12;

    private static readonly string[] Dcs = ["DC-CENTRAL", "DC-EAST", "DC-WEST"];
    private static readonly double[] Weekday = [0.85, 0.86, 0.9, 0.95, 1.0, 1.18, 1.3]; // Sunday..Saturday

    /// <summary>Writes the default-size sample (24 skus, 12 stores) into <paramref name="folder"/> (created if needed) from <paramref name="seed"/>.</summary>
    public static void Write(string folder, int seed) => Write(folder, seed, DefaultSkus, DefaultStores);

    /// <summary>
    /// Writes a sample of <paramref name="skuCount"/> skus (the last 4 slow movers) and <paramref name="storeCount"/>
    /// stores split evenly over the 3 distribution centers: about 5 + 0.5-1 x stores sku-nodes per sku (the scale
    /// benchmark's sizes). The defaults write data-samples/ byte for byte.
    /// </summary>
    public static void Write(string folder, int seed, int skuCount, int storeCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(skuCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(storeCount, 3);
        Directory.CreateDirectory(folder);
        var random = new SampleRandom(seed);
        var skus = Enumerable.Range(1, skuCount).Select(i => CreateSku(i, skuCount, random)).ToArray();
        var stores = Enumerable.Range(1, storeCount).Select(i => CreateStore(i, storeCount, random)).ToArray();
        var assortment = stores.ToDictionary(s => s.Id, s => skus.Where(k => k.Index <= 6 || random.Uniform() < 0.5).ToArray());
        var holidays = Holidays();
        var days = HistoryDays + Horizon;

        SampleNetworkFiles.WriteSettings(folder, seed);
        SampleNetworkFiles.WriteLocations(folder, stores);
        SampleNetworkFiles.WriteLanes(folder, stores, random);
        SampleNetworkFiles.WriteSkuNodes(folder, skus, stores, assortment);

        var temperature = stores.ToDictionary(s => s.Id, s => Temperatures(s, days, random));
        // Streamed to the file: at 100k sku-nodes signals.csv is ~0.5 GB and demand.csv ~1.3 GB.
        using var signals = new CsvFileWriter(Path.Combine(folder, InputFiles.Signals), ["date", "signal", "kind", "value", "sku", "location"]);
        var prices = new Dictionary<int, double[]>();
        var promos = new Dictionary<int, double[]>();
        for (var d = 0; d < days; d++)
        {
            var date = HistoryStart.AddDays(d);
            signals.AddRow(CsvTableWriter.Date(date), "holiday", "known", holidays.TryGetValue(date, out var h) && h.Flag ? "1" : "0", "", "");
        }

        foreach (var sku in skus)
        {
            var (price, promo) = PricePath(sku, days, random);
            prices[sku.Index] = price;
            promos[sku.Index] = promo;
            for (var d = 0; d < days; d++)
            {
                var date = CsvTableWriter.Date(HistoryStart.AddDays(d));
                signals.AddRow(date, "price", "known", CsvTableWriter.Number(price[d], 2), sku.Id, "");
                signals.AddRow(date, "promotion_depth", "known", CsvTableWriter.Number(promo[d], 2), sku.Id, "");
            }
        }

        foreach (var store in stores)
        {
            for (var d = 0; d < HistoryDays; d++)
            {
                signals.AddRow(CsvTableWriter.Date(HistoryStart.AddDays(d)), "temperature", "observed", CsvTableWriter.Number(temperature[store.Id][d], 1), "", store.Id);
            }
        }

        signals.Dispose();

        using var demand = new CsvFileWriter(Path.Combine(folder, InputFiles.Demand), ["sku", "location", "date", "quantity"]);
        foreach (var sku in skus)
        {
            foreach (var store in stores.Where(s => assortment[s.Id].Contains(sku)))
            {
                for (var d = 0; d < HistoryDays; d++)
                {
                    var date = HistoryStart.AddDays(d);
                    var rate = sku.Rate * store.Size
                        * (1 + sku.Trend * d / 365.0)
                        * Weekday[(int)date.DayOfWeek]
                        * (1 + sku.YearlyAmplitude * Math.Sin(2 * Math.PI * (d / 365.25 + sku.YearlyPhase)))
                        * Math.Pow(prices[sku.Index][d] / sku.BasePrice, sku.Elasticity)
                        * (promos[sku.Index][d] > 0 ? 1.15 : 1.0)
                        * (holidays.TryGetValue(date, out var holiday) ? holiday.Lift : 1.0)
                        * Math.Exp(sku.WeatherBeta * (temperature[store.Id][d] - store.MeanTemperature));
                    var quantity = random.NegativeBinomial(rate, sku.Shape);
                    demand.AddRow(sku.Id, store.Id, CsvTableWriter.Date(date), quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

    }

    private static SampleSku CreateSku(int index, int skuCount, SampleRandom random)
    {
        var slow = index > skuCount - 4;
        var digits = Math.Max(3, skuCount.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var rate = slow ? random.Uniform(0.05, 0.4) : Math.Exp(random.Uniform(Math.Log(2), Math.Log(30)));
        var weather = index % 5 == 0 ? random.Uniform(0.02, 0.05) : index % 7 == 0 ? -random.Uniform(0.02, 0.04) : 0.0;
        return new SampleSku(
            index,
            "SKU-" + index.ToString("D" + digits.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture),
            rate,
            BasePrice: Math.Round(random.Uniform(2, 20), 2),
            Elasticity: -random.Uniform(1.2, 3.0),
            Trend: random.Uniform(-0.1, 0.25),
            YearlyAmplitude: random.Uniform(0, 0.3),
            YearlyPhase: random.Uniform(0, 1),
            WeatherBeta: weather,
            Shape: slow ? 0.6 : random.Uniform(3, 12));
    }

    private static SampleStore CreateStore(int index, int storeCount, SampleRandom random)
    {
        var dc = Dcs[(index - 1) * Dcs.Length / storeCount];
        var digits = Math.Max(2, storeCount.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var mean = dc switch { "DC-WEST" => 19.0, "DC-EAST" => 12.0, _ => 10.0 };
        return new SampleStore("STORE-" + index.ToString("D" + digits.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture), dc, Size: random.Uniform(0.5, 1.8), MeanTemperature: mean + random.Uniform(-2, 2));
    }

    private static double[] Temperatures(SampleStore store, int days, SampleRandom random)
    {
        var result = new double[days];
        var anomaly = 0.0;
        for (var d = 0; d < days; d++)
        {
            anomaly = 0.7 * anomaly + 2.0 * random.Normal();
            // Coldest around mid-January: the sample starts 1 November, ~75 days before.
            result[d] = store.MeanTemperature - 9.0 * Math.Cos(2 * Math.PI * (d - 75) / 365.25) + anomaly;
        }

        return result;
    }

    private static (double[] Price, double[] Promotion) PricePath(SampleSku sku, int days, SampleRandom random)
    {
        var regular = new double[days];
        var level = sku.BasePrice;
        var changes = new[] { random.Integer(120, 330), random.Integer(400, 700) };
        for (var d = 0; d < days; d++)
        {
            if (changes.Contains(d))
            {
                level = Math.Round(level * (1 + random.Uniform(-0.08, 0.08)), 2);
            }

            regular[d] = level;
        }

        var promotion = new double[days];
        var next = random.Integer(10, 50);
        while (next < days)
        {
            var depth = Math.Round(random.Uniform(0.1, 0.3), 2);
            var length = random.Integer(5, 11);
            for (var d = next; d < Math.Min(days, next + length); d++)
            {
                promotion[d] = depth;
            }

            next += length + random.Integer(30, 70);
        }

        var price = new double[days];
        for (var d = 0; d < days; d++)
        {
            price[d] = Math.Round(regular[d] * (1 - promotion[d]), 2);
        }

        return (price, promotion);
    }

    private static Dictionary<DateOnly, (double Lift, bool Flag)> Holidays()
    {
        var result = new Dictionary<DateOnly, (double, bool)>();
        foreach (var year in new[] { 2024, 2025, 2026 })
        {
            var thanksgiving = FourthThursdayOfNovember(year);
            result[thanksgiving] = (0.5, true);
            result[thanksgiving.AddDays(-1)] = (1.5, false);
            result[thanksgiving.AddDays(1)] = (1.8, true);
            for (var d = 18; d <= 23; d++)
            {
                result[new DateOnly(year, 12, d)] = (1.25, false);
            }

            result[new DateOnly(year, 12, 24)] = (1.4, true);
            result[new DateOnly(year, 12, 25)] = (0.0, true);
            result[new DateOnly(year, 12, 31)] = (1.3, true);
            result[new DateOnly(year, 1, 1)] = (0.6, true);
            result[new DateOnly(year, 7, 4)] = (1.3, true);
        }

        foreach (var easterSaturday in new[] { new DateOnly(2025, 4, 19), new DateOnly(2026, 4, 4) })
        {
            result[easterSaturday] = (1.3, true);
        }

        foreach (var monday in new[] { new DateOnly(2025, 5, 26), new DateOnly(2026, 5, 25), new DateOnly(2025, 9, 1), new DateOnly(2026, 9, 7) })
        {
            result[monday] = (1.2, true);
        }

        return result;
    }

    private static DateOnly FourthThursdayOfNovember(int year)
    {
        var first = new DateOnly(year, 11, 1);
        var offset = ((int)DayOfWeek.Thursday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + 21);
    }
}
