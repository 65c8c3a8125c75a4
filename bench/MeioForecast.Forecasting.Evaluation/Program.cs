using System.Diagnostics;
using MeioForecast.Forecasting.Evaluation;

// Usage: dotnet run -c Release --project bench/MeioForecast.Forecasting.Evaluation -- walmart|rossmann
//        [--models snaive,baseline,ssa,ssa+conformal] [--data ../shared/data] [--out eval-results] [--ssa key=value,...]
var options = EvaluationArguments.Parse(args);
var clock = Stopwatch.StartNew();
var data = options.Dataset == "walmart" ? Loaders.Walmart(options.DataDir) : Loaders.Rossmann(options.DataDir);
Console.WriteLine($"[{data.Name}] {data.Series.Count} series, H = {data.Horizon}, loaded in {clock.Elapsed.TotalSeconds:F1}s");
var results = Evaluation.Run(data, options);
ReportWriter.Write(data, results, options.OutDir);
ReportWriter.PrintTable(results);
