using System.CommandLine;
using MeioForecast.Storage.SampleData;

namespace MeioForecast.Worker.Commands;

/// <summary><c>meio sample-data --out DIR [--seed N]</c>: writes the deterministic sample input folder.</summary>
internal static class SampleDataCommand
{
    /// <summary>The seed of the committed data-samples folder.</summary>
    public const int DefaultSeed = 42;

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder to write the sample input into.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed writes the same bytes.", DefaultValueFactory = _ => DefaultSeed };
        var command = new Command("sample-data", "Write a realistic sample input folder (plants, distribution centers, stores; two years of daily demand).")
        {
            output, seed,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(output)!;
            SampleDataGenerator.Write(folder, parse.GetValue(seed));
            Console.Out.WriteLine($"sample input written to {Path.GetFullPath(folder)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
