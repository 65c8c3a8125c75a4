using System.Diagnostics;
using System.Globalization;
using MeioForecast.Csv.Benchmarks;

// CSV parsing: our parser against Sep, Sylvan.Data.Csv and CsvHelper on (a) the numeric table of `meio gbdt fit`
// (issue 22: whole-process time) and (b) the planning input load (issue 27: "at most 1.2x today's"), printed as ratios.
// Run: dotnet run -c Release --project bench/MeioForecast.Csv.Benchmarks -- --table TRAIN.csv --input DIR [--input DIR2] [--repeats N]
if (args is ["--one", var one, var onePath])
{
    // A fresh process for one table read: what one `meio gbdt` process pays (runtime start, JIT, the read).
    var reader = NumericTableReaders.All.Single(r => r.Name == one);
    var clock0 = Stopwatch.StartNew();
    var sum = reader.Read(onePath);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.CpuUsage.TotalTime.TotalMilliseconds:R} {clock0.Elapsed.TotalMilliseconds:R} {sum:R}"));
    return;
}

var tables = new List<string>();
var inputs = new List<string>();
var repeats = 5;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--table": tables.Add(args[i + 1]); break;
        case "--input": inputs.Add(args[i + 1]); break;
        case "--repeats": repeats = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: throw new ArgumentException($"unknown option {args[i]}");
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $".NET {Environment.Version}, {Environment.ProcessorCount} cores visible, load average {LoadAverage()}, repeats {repeats}"));
Console.WriteLine("Times in ms, the least of the repeats. 'fresh process': one child process per read (runtime start + JIT + read, CPU =");
Console.WriteLine("user + system of the child, as one `meio gbdt` process pays it); 'in process': the same read again in a warm process.");
Console.WriteLine("Each reader must give the same checksum as ours (the same values). Pin the bench to one core: taskset -c 0.");

foreach (var table in tables)
{
    Console.WriteLine();
    Console.WriteLine($"(a) numeric table {table} ({new FileInfo(table).Length / 1e6:F1} MB), column-major doubles as `meio gbdt` needs them");
    var fresh = NumericTableReaders.All.Select(r => new Measure.Result(r.Name)).ToArray();
    for (var rep = 0; rep < repeats; rep++)
    {
        for (var i = 0; i < fresh.Length; i++)
        {
            var (cpu, wall, sum) = Measure.Fresh(fresh[i].Name, table);
            fresh[i].Add(wall, cpu, sum);
        }
    }

    Console.WriteLine("    fresh process:");
    Measure.Print(fresh);
    Console.WriteLine("    in process (warm):");
    Measure.Print(Measure.All(repeats, NumericTableReaders.All.Select(r => (r.Name, (Func<double>)(() => r.Read(table)))).ToArray()));
}

foreach (var input in inputs)
{
    var demand = Path.Combine(input, "demand.csv");
    var signals = Path.Combine(input, "signals.csv");
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"(b) planning input {input}: demand.csv {File.ReadLines(demand).LongCount() - 1:N0} rows, signals.csv {(File.Exists(signals) ? File.ReadLines(signals).LongCount() - 1 : 0):N0} rows"));
    Console.WriteLine("    records (line + string fields, strict UTF-8) of demand.csv and signals.csv, as the loader consumes them:");
    var files = File.Exists(signals) ? new[] { demand, signals } : [demand];
    var records = Measure.All(repeats,
        ("ours (frozen CsvParser)", () => RecordReaders.Ours(files)),
        ("Sep 0.18.0", () => RecordReaders.Sep(files)),
        ("Sylvan.Data.Csv 1.4.4", () => RecordReaders.Sylvan(files)),
        ("CsvHelper 34.0.0 (src's CsvParser)", () => RecordReaders.CsvHelper(files)));
    Measure.Print(records);
    Console.WriteLine("    the whole load (PlanningInputLoader.Load: every file parsed by CsvHelper as src does, and validated):");
    var load = Measure.All(repeats, ("PlanningInputLoader.Load", () => RecordReaders.Load(input)));
    Measure.Print(load);

    // The load with our parser is the load with CsvHelper less CsvHelper's records plus ours (the rest of the loader is the same code).
    var withOurs = load[0].BestCpu - records[3].BestCpu + records[0].BestCpu;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RATIO load with CsvHelper / load with our parser (CPU, best; ours = {load[0].BestCpu:F0} - {records[3].BestCpu:F0} + {records[0].BestCpu:F0} ms) = {load[0].BestCpu / withOurs:F3}  (issue 27: <= 1.2)"));
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

/// <summary>Times readers in one process, interleaved (ours, A, B, C, ours, ...) so a burst of load hits all alike.</summary>
internal static class Measure
{
    public static IReadOnlyList<Result> All(int repeats, params (string Name, Func<double> Run)[] readers)
    {
        var results = readers.Select(r => new Result(r.Name)).ToArray();
        for (var rep = 0; rep < repeats; rep++)
        {
            for (var i = 0; i < readers.Length; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var cpu0 = Environment.CpuUsage.TotalTime.TotalSeconds;
                var clock = Stopwatch.StartNew();
                var checksum = readers[i].Run();
                var wall = clock.Elapsed.TotalMilliseconds;
                var cpu = (Environment.CpuUsage.TotalTime.TotalSeconds - cpu0) * 1000;
                results[i].Add(wall, cpu, checksum);
            }
        }

        return results;
    }

    /// <summary>Runs one read in a child process of this program (same core affinity); its CPU and wall time and checksum.</summary>
    public static (double Cpu, double Wall, double Checksum) Fresh(string reader, string path)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { typeof(Measure).Assembly.Location, "--one", reader, path })
        {
            start.ArgumentList.Add(a);
        }

        using var child = Process.Start(start)!;
        var line = child.StandardOutput.ReadToEnd().Trim();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"{reader}: exit {child.ExitCode}: {line}");
        }

        var parts = line.Split(' ').Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return (parts[0], parts[1], parts[2]);
    }

    public static void Print(IReadOnlyList<Result> results)
    {
        Console.WriteLine("    reader                                          best wall   best CPU   checksum");
        foreach (var r in results)
        {
            var same = r.Checksum.Equals(results[0].Checksum) ? "" : "  DIFFERS FROM OURS";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {r.Name,-46} {r.BestWall,11:F0} {r.BestCpu,10:F0}   {r.Checksum:R}{same}"));
        }

        foreach (var r in results.Skip(1))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RATIO {r.Name} / {results[0].Name}: CPU {r.BestCpu / results[0].BestCpu:F3}, wall {r.BestWall / results[0].BestWall:F3}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    (load average after: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")})"));
    }

    internal sealed class Result(string name)
    {
        public string Name { get; } = name;

        public double BestWall { get; private set; } = double.PositiveInfinity;

        public double BestCpu { get; private set; } = double.PositiveInfinity;

        public double Checksum { get; private set; } = double.NaN;

        public void Add(double wall, double cpu, double checksum)
        {
            if (double.IsNaN(Checksum))
            {
                Checksum = checksum;
            }

            BestWall = Math.Min(BestWall, wall);
            BestCpu = Math.Min(BestCpu, cpu);
        }
    }
}
