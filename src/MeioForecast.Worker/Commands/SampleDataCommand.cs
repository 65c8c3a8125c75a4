using System.CommandLine;
using MeioForecast.Datasets.SampleData;

namespace MeioForecast.Worker.Commands;

/// <summary><c>meio sample-data --out DIR [--seed N] [--skus M] [--stores N]</c>: writes the deterministic sample input folder.</summary>
internal static class SampleDataCommand
{
    /// <summary>The seed of the committed data-samples folder.</summary>
    public const int DefaultSeed = 42;

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder to write the sample input into.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed writes the same bytes.", DefaultValueFactory = _ => DefaultSeed };
        var skus = new Option<int>("--skus") { Description = "Number of skus (default 24, the data-samples size).", DefaultValueFactory = _ => SampleDataGenerator.DefaultSkus };
        var stores = new Option<int>("--stores") { Description = "Number of stores, at least 3 (default 12).", DefaultValueFactory = _ => SampleDataGenerator.DefaultStores };
        var command = new Command("sample-data", "Write a realistic sample input folder (plants, distribution centers, stores; two years of daily demand).")
        {
            output, seed, skus, stores,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(output)!;
            SampleDataGenerator.Write(folder, parse.GetValue(seed), parse.GetValue(skus), parse.GetValue(stores));
            Console.Out.WriteLine($"sample input written to {Path.GetFullPath(folder)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
