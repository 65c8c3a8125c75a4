using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using MeioForecast.Core.Planning;
using MeioForecast.Storage.Input;
using Microsoft.FSharp.Core;

namespace MeioForecast.Storage.Tests.Fuzz;

/// <summary>
/// Property (issue 24, "Done when"): whatever the corruption of data-samples (<see cref="InputMutation"/>), loading
/// either succeeds with every value inside the documented ranges of docs/input-format.md, or fails with
/// <see cref="InputValidationException"/> (exit code 2) whose every error names an input file and a line, within 10 s;
/// never another exception (a crash), never an out-of-range value accepted (a silent publish). 200 cases per CI run
/// with a fixed seed; <c>MEIO_FUZZ_CASES</c> (e.g. 5000, the nightly profile) and <c>MEIO_FUZZ_SEED</c> change them.
/// The base is data-samples cut to two skus and their last 120 days, so a case loads in milliseconds.
/// </summary>
public sealed class InputFuzzTests : IDisposable
{
    private const ulong DefaultSeed = 20_261_206;
    private static readonly string[] InputFileNames = [.. InputFiles.All];
    private readonly string _base = Directory.CreateTempSubdirectory("meio-fuzz-base-").FullName;
    private readonly string _cases = Directory.CreateTempSubdirectory("meio-fuzz-").FullName;

    public InputFuzzTests() => SampleSubset.Write(Path.Combine(RepositoryRoot.Path, "data-samples"), _base, skus: 2, days: 120);

    public void Dispose()
    {
        Directory.Delete(_base, recursive: true);
        Directory.Delete(_cases, recursive: true);
    }

    [Fact]
    public void The_unmutated_subset_loads()
    {
        var input = PlanningInputLoader.Load(_base);
        Assert.True(input.Demand.Count > 0);
    }

    [Fact]
    public void Every_mutation_of_the_sample_is_accepted_in_range_or_rejected_with_file_and_line()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("MEIO_FUZZ_CASES"), CultureInfo.InvariantCulture, out var n) ? n : 200;
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("MEIO_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var gen = Gen.Choose(0, InputMutation.Kinds.Length - 1).Zip(Gen.Choose(0, int.MaxValue));
        var property = Prop.ForAll(Arb.From(gen), c => Check(c.Item1, c.Item2));
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(cases)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        FsCheck.Check.One(config, property);
    }

    private void Check(int kind, int seed)
    {
        var folder = Path.Combine(_cases, $"{kind}-{seed}");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(_base))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var what = InputMutation.Describe(kind, seed);
        InputMutation.Apply(folder, kind, seed);
        var clock = Stopwatch.StartNew();
        try
        {
            InRange(PlanningInputLoader.Load(folder), what);
        }
        catch (InputValidationException ex)
        {
            Assert.True(ex.Errors.Count > 0, $"{what}: an input error without errors");
            foreach (var error in ex.Errors)
            {
                Assert.True(InputFileNames.Contains(error.File), $"{what}: error names no input file: {error}");
                Assert.True(error.Line >= 1 || WholeFile(error), $"{what}: error names no line: {error}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{what}: took {clock.Elapsed}");
    }

    /// <summary>Errors about a whole file or setting carry line 0 (docs/input-format.md): a missing file or setting, the per-file cap.</summary>
    private static bool WholeFile(InputError error) =>
        error.Line == 0 && (error.Rule is InputRule.MissingFile || (error.Rule is InputRule.EmptyField && error.File == InputFiles.Settings)
                            || error.Message.StartsWith("more than", StringComparison.Ordinal));

    /// <summary>The documented ranges, checked independently of the loader's own code on what it accepted.</summary>
    private static void InRange(PlanningInput input, string what)
    {
        foreach (var series in input.Demand)
        {
            Assert.True(series.Quantities.All(q => double.IsFinite(q) && q >= 0 && q <= 1e9), $"{what}: demand out of range accepted");
        }

        var days = input.Demand.Select(d => d.Start.DayNumber).Concat(input.Demand.Select(d => d.End.DayNumber)).ToList();
        Assert.True(days.Count == 0 || days.Max() - days.Min() < 10 * 366, $"{what}: demand spans implausibly many years");
        Assert.True(input.Demand.Count == 0 || input.Demand.Max(d => d.End) > input.Demand.Min(d => d.Start), $"{what}: a single period of history accepted");
        foreach (var lane in input.Lanes)
        {
            Assert.True(lane.LeadTime.Mean is >= 0 and <= 1000 && lane.LeadTime.StandardDeviation is >= 0 and <= 1000, $"{what}: lead time out of range accepted");
            Assert.True(lane.QuantityPerUnit is > 0 and <= 1e6, $"{what}: quantity_per_unit out of range accepted");
            if (lane.LeadTime.Distribution is { } outcomes)
            {
                Assert.True(outcomes.All(o => double.IsFinite(o.Periods) && o.Periods is >= 0 and <= 1000), $"{what}: distribution period out of range accepted");
                Assert.InRange(outcomes.Sum(o => o.Probability), 1 - 1e-6, 1 + 1e-6);
                var mean = outcomes.Sum(o => o.Periods * o.Probability);
                Assert.True(Math.Abs(mean - lane.LeadTime.Mean) <= Math.Max(0.01 * mean, 0.01), $"{what}: distribution inconsistent with lead_time_mean accepted");
            }
        }

        foreach (var node in input.SkuNodes)
        {
            Assert.True(node.UnitCost is >= 0 and <= 1e9 && node.HoldingCostRate is >= 0 and <= 10, $"{what}: cost out of range accepted");
            Assert.True(node.ServiceLevel is > 0 and < 1, $"{what}: service level out of range accepted");
            Assert.True(node.MaxServiceTime is null or (>= 0 and <= 1000) && node.ProcessingTime is >= 0 and <= 1000, $"{what}: time out of range accepted");
            Assert.False(node.Key.Sku[0] is '=' or '+' or '-' or '@' || node.Key.Location[0] is '=' or '+' or '-' or '@', $"{what}: formula-like id accepted");
        }
    }
}
