using System.CommandLine;
using MeioForecast.Datasets.Import;
using MeioForecast.Storage.Input;

namespace MeioForecast.Worker.Commands;

/// <summary><c>meio import walmart|rossmann|oj --source DIR --out DIR [--dcs K]</c>: converts a public data set into an input folder.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "walmart, rossmann or oj." };
        var source = new Option<string>("--source") { Description = "Folder holding walmart/, rossmann100/ and dominicks-oj/ (the shared data).", DefaultValueFactory = _ => "../shared/data" };
        var output = new Option<string>("--out") { Description = "Input folder to write (docs/input-format.md).", Required = true };
        var dcs = new Option<int>("--dcs") { Description = "K > 0: a synthetic two-echelon network, stores dealt round-robin to K distribution centers (docs/holdout.md); 0: forecasting-only network.", DefaultValueFactory = _ => 0 };
        var command = new Command("import", "Convert a public retail data set (walmart, rossmann, oj) into an input folder for meio run / meio backtest.")
        {
            dataset, source, output, dcs,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(dataset)!;
            if (!PublicDataImporter.DataSets.Contains(name))
            {
                Console.Error.WriteLine($"Unknown data set '{name}'; expected one of {string.Join(", ", PublicDataImporter.DataSets)}.");
                return ExitCodes.BadInput;
            }

            ImportedInput input;
            try
            {
                input = PublicDataImporter.Read(name, parse.GetValue(source)!);
            }
            catch (InputValidationException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return ExitCodes.BadInput;
            }

            var folder = parse.GetValue(output)!;
            var rows = InputFolderWriter.Write(input, folder, markObserved: input.ScoreMask == "observed", parse.GetValue(dcs));
            Console.Out.WriteLine($"{name}: {input.Demand.Count} series, {rows} demand rows written to {Path.GetFullPath(folder)}");
            Console.Out.WriteLine($"evaluate with: meio backtest --input {folder} --model all --origins 1 --horizon {input.Horizon}{(input.ScoreMask != input.Availability ? $" --score-mask {input.ScoreMask}" : "")} --out {folder}-backtest");
            return ExitCodes.Ok;
        });
        return command;
    }
}
