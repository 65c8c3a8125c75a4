using System.Diagnostics;
using System.Globalization;
using MeioForecast.Optimization.Gsm;
using MeioForecast.Storage.Networks;

// Solves the 38 Willems (2008) chains under the reference convention (holding rate 0.35, see
// ../shared/networks/README.md) and prints stages, arcs, topology, total cost, lower bound, gap, nodes and time
// (wall clock, and process CPU time, which is less disturbed on a shared machine). Single-threaded solver.
// Usage: dotnet run -c Release --project bench/MeioForecast.Optimization.Benchmarks [networksFolder] [maxNodes]
var folder = args.Length > 0 ? args[0] : FindSharedNetworks();
var options = new GsmSolverOptions();
if (args.Length > 1) { options = options with { MaxNodes = int.Parse(args[1], CultureInfo.InvariantCulture) }; }
if (args.Length > 2) { options = options with { RelativeGapTolerance = double.Parse(args[2], CultureInfo.InvariantCulture) }; }
if (args.Length > 3) { options = options with { NodeLagrangianIterations = int.Parse(args[3], CultureInfo.InvariantCulture) }; }
var only = args.Length > 4 ? args[4].Split(',').Select(int.Parse).ToHashSet() : null;
const double HoldingRate = 0.35;
var optimizer = new GsmOptimizer(options);
Console.WriteLine(FormattableString.Invariant($"{"chain",5} {"stages",6} {"arcs",6} {"topology",-15} {"total cost",16} {"lower bound",16} {"gap %",8} {"nodes",7} {"ms",9} {"cpu ms",9}"));
var totalMs = 0.0;
var totalCpuMs = 0.0;
var process = System.Diagnostics.Process.GetCurrentProcess();
var worstGap = 0.0;
for (var chain = 1; chain <= 38; chain++)
{
    if (only is not null && !only.Contains(chain)) { continue; }
    var dir = Path.Combine(folder, "willems-2008");
    var stem = Path.Combine(dir, $"chain_{chain:00}");
    var network = WillemsNetworkReader.ReadNetwork(stem + "_stages.csv", stem + "_arcs.csv", HoldingRate);
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var solution = optimizer.Solve(network);
    watch.Stop();
    process.Refresh();
    var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
    totalCpuMs += cpuMs;
    totalMs += watch.Elapsed.TotalMilliseconds;
    worstGap = Math.Max(worstGap, solution.Gap);
    Console.WriteLine(FormattableString.Invariant(
        $"{chain,5:00} {network.Count,6} {network.Arcs.Count,6} {network.Topology,-15} {solution.TotalCost,16:F2} {solution.LowerBound,16:F2} {100 * solution.Gap,8:F4} {solution.NodesExplored,7} {watch.Elapsed.TotalMilliseconds,9:F1} {cpuMs,9:F0}"));
}

Console.WriteLine(FormattableString.Invariant($"sum of solve times: {totalMs:F0} ms wall, {totalCpuMs:F0} ms process CPU (includes GC and JIT threads); worst gap {100 * worstGap:F4} %"));

static string FindSharedNetworks()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "..", "shared", "networks");
        if (File.Exists(Path.Combine(dir.FullName, "MeioForecast.sln")) && Directory.Exists(candidate))
        {
            return Path.GetFullPath(candidate);
        }
    }

    throw new DirectoryNotFoundException("Pass the networks folder (the one holding willems-2008/) as the first argument.");
}
