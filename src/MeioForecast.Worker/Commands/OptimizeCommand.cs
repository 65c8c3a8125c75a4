using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MeioForecast.Optimization.Gsm;
using MeioForecast.Storage.Networks;

namespace MeioForecast.Worker.Commands;

/// <summary>
/// <c>meio optimize --stages STAGES.csv --arcs ARCS.csv --out solution.json [--holding-rate R] [--max-nodes N] [--gap G]</c>:
/// places safety stock in a research benchmark network (Willems 2008 format) with the GSM optimizer under the
/// reference convention, prints the certificate (total cost, proven lower bound, relative gap, whether that proves
/// optimality), nodes and time, and writes the solution as JSON.
/// </summary>
internal static class OptimizeCommand
{
    public static Command Create()
    {
        var stages = new Option<string>("--stages") { Description = "Stage file (stageName, stageCost, stageTime, avgDemand, stDevDemand, serviceLevel, maxServiceTime).", Required = true };
        var arcs = new Option<string>("--arcs") { Description = "Arc file (from,to).", Required = true };
        var output = new Option<string>("--out") { Description = "Solution JSON to write.", DefaultValueFactory = _ => "solution.json" };
        var rate = new Option<double>("--holding-rate") { Description = "Holding-cost rate applied to the cumulative stage cost (reference convention: 1).", DefaultValueFactory = _ => 1.0 };
        var maxNodes = new Option<int>("--max-nodes") { Description = "Branch-and-bound node budget for general networks.", DefaultValueFactory = _ => new GsmSolverOptions().MaxNodes };
        var gap = new Option<double>("--gap") { Description = "Relative gap (cost - lower bound) / cost at which the search stops: the optimality proof's tolerance.", DefaultValueFactory = _ => new GsmSolverOptions().RelativeGapTolerance };
        var command = new Command("optimize", "Optimize safety stock placement (Guaranteed Service Model) of one network in the Willems (2008) benchmark format.")
        {
            stages, arcs, output, rate, maxNodes, gap,
        };
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            () =>
            {
                GsmNetwork network;
                try
                {
                    network = WillemsNetworkReader.ReadNetwork(parse.GetValue(stages)!, parse.GetValue(arcs)!, parse.GetValue(rate));
                }
                catch (Exception ex) when (ex is NetworkCycleException or ArgumentException)
                {
                    Console.Error.WriteLine(ex.Message);
                    return Task.FromResult(ExitCodes.BadInput);
                }

                var options = new GsmSolverOptions { MaxNodes = parse.GetValue(maxNodes), RelativeGapTolerance = parse.GetValue(gap) };
                try
                {
                    options.Validate();
                }
                catch (ArgumentOutOfRangeException ex)
                {
                    Console.Error.WriteLine($"--{(ex.ParamName == nameof(GsmSolverOptions.MaxNodes) ? "max-nodes" : "gap")}: {ex.Message}");
                    return Task.FromResult(ExitCodes.BadConfiguration);
                }

                var watch = Stopwatch.StartNew();
                var solution = new GsmOptimizer(options).Solve(network);
                watch.Stop();
                var path = parse.GetValue(output)!;
                GsmSolutionJson.Write(path, solution);
                var verdict = solution.ProvenOptimal
                    ? "proven optimal"
                    : $"NOT proven: the budget of {options.MaxNodes} nodes ran out first";
                Console.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{network.Count} stages, {network.Arcs.Count} arcs ({network.Topology}); total cost {solution.TotalCost:F4}; lower bound {solution.LowerBound:F4}; gap {solution.Gap:0.0##E+0} ({verdict}, tolerance {options.RelativeGapTolerance:0.0E+0}); {solution.Method}, {solution.NodesExplored} nodes; {watch.Elapsed.TotalMilliseconds:F0} ms; written to {Path.GetFullPath(path)}"));
                return Task.FromResult(ExitCodes.Ok);
            },
            cancellationToken));
        return command;
    }
}
