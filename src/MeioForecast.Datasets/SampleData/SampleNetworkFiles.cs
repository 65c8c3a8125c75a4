using System.Globalization;
using MeioForecast.Storage.Csv;
using MeioForecast.Storage.Input;

namespace MeioForecast.Datasets.SampleData;

/// <summary>Writes the settings and network files of the sample (settings, locations, lanes, sku_nodes).</summary>
internal static class SampleNetworkFiles
{
    public static void WriteSettings(string folder, int seed)
    {
        var table = new CsvTableWriter(["key", "value"]);
        table.AddRow("period", "day");
        table.AddRow("horizon", SampleDataGenerator.Horizon.ToString(CultureInfo.InvariantCulture));
        table.AddRow("quantile_levels", "0.05;0.1;0.25;0.5;0.75;0.9;0.95");
        table.AddRow("seed", seed.ToString(CultureInfo.InvariantCulture));
        table.AddRow("promotion_signal", "promotion_depth");
        File.WriteAllBytes(Path.Combine(folder, InputFiles.Settings), table.ToBytes());
    }

    public static void WriteLocations(string folder, IReadOnlyList<SampleStore> stores)
    {
        var table = new CsvTableWriter(["location", "type", "echelon"]);
        table.AddRow("SUP-RAW", "supplier", "3");
        table.AddRow("PLANT-NORTH", "plant", "2");
        table.AddRow("PLANT-SOUTH", "plant", "2");
        foreach (var dc in stores.Select(s => s.Dc).Distinct())
        {
            table.AddRow(dc, "dc", "1");
        }

        foreach (var store in stores)
        {
            table.AddRow(store.Id, "store", "0");
        }

        File.WriteAllBytes(Path.Combine(folder, InputFiles.Locations), table.ToBytes());
    }

    public static void WriteLanes(string folder, IReadOnlyList<SampleStore> stores, SampleRandom random)
    {
        var table = new CsvTableWriter(["from", "to", "lead_time_mean", "lead_time_sd", "sku", "quantity_per_unit", "lead_time_distribution"]);
        table.AddRow("SUP-RAW", "PLANT-NORTH", "10", "3", "", "1", "");
        // A discrete lead-time distribution: 12 days (30%), 14 (40%), 17 (30%): mean 14.3, sd 1.9519.
        table.AddRow("SUP-RAW", "PLANT-SOUTH", "14.3", "1.9519", "", "1", "12:0.3;14:0.4;17:0.3");
        table.AddRow("PLANT-NORTH", "DC-CENTRAL", "5", "1.5", "", "1", "");
        table.AddRow("PLANT-NORTH", "DC-EAST", "4", "1", "", "1", "");
        table.AddRow("PLANT-SOUTH", "DC-WEST", "6", "2.5", "", "1", "");
        foreach (var store in stores)
        {
            var mean = random.Integer(1, 4);
            var sd = Math.Round(random.Uniform(0, 1), 2);
            table.AddRow(store.Dc, store.Id, mean.ToString(CultureInfo.InvariantCulture), CsvTableWriter.Number(sd, 2), "", "1", "");
        }

        File.WriteAllBytes(Path.Combine(folder, InputFiles.Lanes), table.ToBytes());
    }

    public static void WriteSkuNodes(string folder, IReadOnlyList<SampleSku> skus, IReadOnlyList<SampleStore> stores, IReadOnlyDictionary<string, SampleSku[]> assortment)
    {
        var table = new CsvTableWriter(["sku", "location", "unit_cost", "holding_cost_rate", "service_level", "max_service_time", "processing_time"]);
        foreach (var sku in skus)
        {
            var cost = Math.Round(sku.BasePrice * 0.55, 2);
            var important = sku.Index <= 8;
            var stocked = stores.Where(s => assortment[s.Id].Contains(sku)).ToArray();
            foreach (var plant in new[] { "PLANT-NORTH", "PLANT-SOUTH" })
            {
                table.AddRow(sku.Id, plant, CsvTableWriter.Number(cost, 2), "0.2", "0.9", "", "2");
            }

            foreach (var dc in stores.Select(s => s.Dc).Distinct())
            {
                table.AddRow(sku.Id, dc, CsvTableWriter.Number(cost * 1.08, 2), "0.25", "0.95", "", "1");
            }

            foreach (var store in stocked)
            {
                table.AddRow(sku.Id, store.Id, CsvTableWriter.Number(cost * 1.15, 2), "0.25", important ? "0.98" : "0.95", "0", "0");
            }
        }

        File.WriteAllBytes(Path.Combine(folder, InputFiles.SkuNodes), table.ToBytes());
    }
}
