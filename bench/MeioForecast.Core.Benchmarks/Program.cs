using System.Diagnostics;
using System.Globalization;
using MeioForecast.Core.Distributions;
using MeioForecast.Core.LeadTimeDemand;
using MeioForecast.Core.Network;

// Lead-time demand build benchmark: time to build D(tau) and its service-level quantile for tau = 1..60 of one sku-node.
// Run: dotnet run -c Release --project bench/MeioForecast.Core.Benchmarks
const int Horizon = 60;
const double ServiceLevel = 0.95;
double[] levels = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Lead-time demand build, tau = 1..{Horizon}, service level {ServiceLevel}; .NET {Environment.Version}, {Environment.ProcessorCount} cores"));
Console.WriteLine("Times are per build of D(1..60) and the 60 quantiles, in ms: the minimum and the median over the repetitions");
Console.WriteLine("(the minimum is the machine's undisturbed speed; the median includes noise from other processes).");
Console.WriteLine("case                                             grid(D60)  step     [D60 q0.95]     min ms  median ms  alloc KB");

// The per-period inputs are built once, outside the timings (the forecaster's output); each timing builds the model
// (grid discretisation included) and asks for the service-level quantile of D(tau), tau = 1..60.
var normal100 = NormalPeriods(100, 30);
var quantile100 = QuantilePeriods(100, 0.35);
var quantile1000 = QuantilePeriods(1000, 0.35);
Run("moments: normal periods (NormalLeadTimeDemand)", () => new NormalLeadTimeDemand(normal100), 400);
Run("moments: quantile periods (NormalLeadTimeDemand)", () => new NormalLeadTimeDemand(quantile100), 400);
Run("exact: Poisson(100) periods, integer grid", () => new ConvolvedLeadTimeDemand(Poisson(100)), 60);
Run("exact: quantile periods, mean 100 (4096 pts)", () => new ConvolvedLeadTimeDemand(quantile100), 60);
Run("exact: quantile periods, mean 1000 (4096 pts)", () => new ConvolvedLeadTimeDemand(quantile1000), 60);
Run("exact: quantile periods, mean 100 (1024 pts)", () => new ConvolvedLeadTimeDemand(quantile100, new LeadTimeDemandOptions { GridPoints = 1024 }), 60);
Run("exact: NB(mean 20, var 60) periods, integer", () => new ConvolvedLeadTimeDemand(NegativeBinomial(20, 60)), 60);
RunStochastic("exact + random lead time (mean 4, sd 1.5)", 30);
Measure("input: 60 QuantileDistribution from 7 quantiles", () => QuantilePeriods(100, 0.35), 400, () => string.Create(CultureInfo.InvariantCulture, $"{"-",9}  {"-",-8} {"-",13}"));

static void Run(string name, Func<LeadTimeDemandModel> build, int repetitions)
{
    LeadTimeDemandModel? model = null;
    double quantile = 0;
    void Once()
    {
        model = build();
        for (var tau = 1; tau <= Horizon; tau++)
        {
            quantile = model.Over(tau).Quantile(ServiceLevel);
        }
    }

    Measure(name, Once, repetitions, () => Describe(model!, quantile));
}

void RunStochastic(string name, int repetitions)
{
    double quantile = 0;
    LeadTimeDemandModel? model = null;
    void Once()
    {
        model = new ConvolvedLeadTimeDemand(quantile100, maxTau: Horizon + 12);
        var outcomes = RandomPeriodDemand.LeadTimeOutcomes(new LeadTime(4.0, 1.5));
        for (var tau = 1; tau <= Horizon; tau++)
        {
            quantile = RandomPeriodDemand.Compound(model, RandomPeriodDemand.PeriodCounts(outcomes, tau)).Quantile(ServiceLevel);
        }
    }

    Measure(name, Once, repetitions, () => Describe(model!, quantile));
}

static void Measure(string name, Action once, int repetitions, Func<string> describe)
{
    once();
    once();
    var times = new double[repetitions];
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    for (var i = 0; i < repetitions; i++)
    {
        var start = Stopwatch.GetTimestamp();
        once();
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    var kb = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / repetitions;
    Array.Sort(times);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-48} {describe()}  {times[0],8:F4}  {times[repetitions / 2],8:F4}  {kb,9:F1}"));
}

static string Describe(LeadTimeDemandModel model, double quantile) => model switch
{
    ConvolvedLeadTimeDemand c => string.Create(CultureInfo.InvariantCulture, $"{c.Grid(Horizon).Count,9}  {c.Step,-8:G4}") + Q(quantile),
    _ => string.Create(CultureInfo.InvariantCulture, $"{"moments",9}  {"-",-8}") + Q(quantile),
};

static string Q(double quantile) => string.Create(CultureInfo.InvariantCulture, $" {"[" + quantile.ToString("F1", CultureInfo.InvariantCulture) + "]",13}");

DemandDistribution[] NormalPeriods(double mean, double sd) =>
    [.. Enumerable.Range(0, Horizon).Select(t => (DemandDistribution)new NormalDistribution(mean * (1 + 0.2 * Math.Sin(t / 4.0)), sd))];

DemandDistribution[] QuantilePeriods(double mean, double logSd) =>
    [.. Enumerable.Range(0, Horizon).Select(t => (DemandDistribution)new QuantileDistribution(
        levels, [.. levels.Select(p => mean * (1 + 0.2 * Math.Sin(t / 4.0)) * Math.Exp(logSd * StandardNormal.Quantile(p) - 0.5 * logSd * logSd))]))];

static DemandDistribution[] Poisson(double rate) => [.. Enumerable.Repeat<DemandDistribution>(new PoissonDistribution(rate), Horizon)];

static DemandDistribution[] NegativeBinomial(double mean, double variance) =>
    [.. Enumerable.Repeat<DemandDistribution>(NegativeBinomialDistribution.FromMoments(mean, variance), Horizon)];
