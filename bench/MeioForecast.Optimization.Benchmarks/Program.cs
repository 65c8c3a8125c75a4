using System.Diagnostics;
using System.Globalization;
using MeioForecast.Optimization.Gsm;
using MeioForecast.Storage.Networks;

// Solves the 38 Willems (2008) chains under the reference convention (holding rate 0.35, see
// ../shared/networks/README.md) and prints, per chain, the certificate of optimality: the cost of the solution found
// (upper bound), the proven lower bound, their relative gap, the branch-and-bound nodes and the time (wall clock, and
// process CPU time, which is less disturbed on a shared machine). Single-threaded solver.
// Usage: dotnet run -c Release --project bench/MeioForecast.Optimization.Benchmarks -- [networksFolder]
//        [--max-nodes N] [--gap G] [--root-steps N] [--node-steps N] [--chains 19,21,25,27]
var folder = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : FindSharedNetworks();
var options = new GsmSolverOptions();
HashSet<int>? only = null;
for (var a = 0; a < args.Length - 1; a++)
{
    switch (args[a])
    {
        case "--max-nodes": options = options with { MaxNodes = int.Parse(args[++a], CultureInfo.InvariantCulture) }; break;
        case "--gap": options = options with { RelativeGapTolerance = double.Parse(args[++a], CultureInfo.InvariantCulture) }; break;
        case "--root-steps": options = options with { LagrangianIterations = int.Parse(args[++a], CultureInfo.InvariantCulture) }; break;
        case "--node-steps": options = options with { NodeLagrangianIterations = int.Parse(args[++a], CultureInfo.InvariantCulture) }; break;
        case "--chains": only = [.. args[++a].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]; break;
        default: break;
    }
}

// Chains for which no public source gives a proven optimum (the survey of issue 26: Humair & Willems 2011 and later
// public solvers); their certificates here are new.
HashSet<int> unpublished = [19, 20, 26, 27, 28, 32];
const double HoldingRate = 0.35;
var optimizer = new GsmOptimizer(options);
Console.WriteLine(FormattableString.Invariant(
    $"{"chain",5} {"stages",6} {"arcs",6} {"cost (upper bound)",19} {"lower bound",19} {"rel. gap",9} {"proven",6} {"nodes",6} {"ms",8} {"cpu ms",7} {"optimum",9}"));
var totalMs = 0.0;
var totalCpuMs = 0.0;
var process = Process.GetCurrentProcess();
var worstGap = 0.0;
var proven = 0;
var solved = 0;
for (var chain = 1; chain <= 38; chain++)
{
    if (only is not null && !only.Contains(chain))
    {
        continue;
    }

    var stem = Path.Combine(folder, "willems-2008", $"chain_{chain:00}");
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
    var isProven = solution.ProvenOptimal;
    proven += isProven ? 1 : 0;
    solved++;
    Console.WriteLine(FormattableString.Invariant(
        $"{chain,5:00} {network.Count,6} {network.Arcs.Count,6} {solution.TotalCost,19:F4} {solution.LowerBound,19:F4} {solution.Gap,9:0.0E+0} {(isProven ? "yes" : "NO"),6} {solution.NodesExplored,6} {watch.Elapsed.TotalMilliseconds,8:F0} {cpuMs,7:F0} {(unpublished.Contains(chain) ? "new" : "published"),9}"));
}

Console.WriteLine(FormattableString.Invariant(
    $"{proven} of {solved} chains proven optimal (relative gap <= {options.RelativeGapTolerance:0.0E+0}); worst gap {worstGap:0.0E+0}; sum of solve times {totalMs / 1000:F1} s wall, {totalCpuMs / 1000:F1} s process CPU (includes GC and JIT threads)"));

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
