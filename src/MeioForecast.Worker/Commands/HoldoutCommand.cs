using System.CommandLine;
using System.Globalization;
using MeioForecast.Core.Planning;
using MeioForecast.Pipeline;
using MeioForecast.Pipeline.Holdout;
using MeioForecast.Pipeline.ServiceCheck;
using MeioForecast.Storage.Input;
using MeioForecast.Storage.Output;
using MeioForecast.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MeioForecast.Worker.Commands;

/// <summary>
/// <c>meio holdout --input DIR --origin DATE [--origins K --step S] [--periods N] [--out FILE] [--replications R]</c>: the
/// held-out check of the whole policy (docs/holdout.md): plan with the history up to the origin as <c>meio run</c> would
/// (same settings, forecaster, placement and service check), replay the actual demand of the N periods after it, print
/// achieved vs target service per sku-node (the 20 furthest below target when there are more than 40) and on average,
/// and write the CSV. With K &gt; 1 origins (DATE, DATE - S, ... periods), one line per origin and the means, MEIO beside
/// single-echelon on the same actual demand, and one CSV per origin (FILE's name + <c>-yyyy-MM-dd</c>). Each origin's
/// window band (<see cref="HoldoutWindowBand"/>, <c>--band-replications R</c>, default 1000, 0 = none) is printed after
/// those lines and written to FILE's name + <c>-band</c>.
/// </summary>
internal static class HoldoutCommand
{
    private const int PrintAll = 40;

    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Input folder (docs/input-format.md) whose history reaches origin + N periods.", Required = true };
        var origin = new Option<string>("--origin") { Description = "Forecast origin yyyy-MM-dd: the last history date used for the targets.", Required = true };
        var periods = new Option<int?>("--periods") { Description = "Held-out periods N replayed after the origin (default: the settings' horizon)." };
        var replications = new Option<int>("--replications") { Description = "Replications of the replay (stochastic lead times).", DefaultValueFactory = _ => 32 };
        var count = new Option<int>("--origins") { Description = "K, the number of origins: DATE and the K - 1 origins S periods apart before it.", DefaultValueFactory = _ => 1 };
        var step = new Option<int?>("--step") { Description = "S, periods between origins (default: N, the held-out periods)." };
        var warmUp = new Option<string>("--warm-up") { Description = "Warm-up demand before the measured periods: history (the actual demand up to the origin) or plan (each node's planned mean: the targets' steady state).", DefaultValueFactory = _ => "history" };
        var output = new Option<string>("--out") { Description = "CSV file to write (one row per replayed sku-node).", DefaultValueFactory = _ => "holdout.csv" };
        var band = new Option<int>("--band-replications") { Description = "Simulated windows of the window band (the service check's demand model over one window of the same N periods, from the same warm-up): mean, 5-95 % band and the achieved value's PIT, written to FILE's name + -band; 0 = none.", DefaultValueFactory = _ => 1000 };
        var sharedDates = new Option<bool>("--band-shared-dates") { Description = "With --ServiceCheck:Draws=Replay: also a window band in which every sku replays the same backtest dates (shocks shared across skus kept), beside the check's own (each sku its own dates)." };
        var command = new Command("holdout", "Held-out check of the whole policy: plan at a past origin, replay the actual demand that followed, report achieved vs target service.")
        {
            input, origin, count, step, periods, replications, warmUp, output, band, sharedDates,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            async () =>
            {
                if (!DateOnly.TryParseExact(parse.GetValue(origin), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var originDate))
                {
                    throw new ConfigurationException($"--origin '{parse.GetValue(origin)}' is not a yyyy-MM-dd date.");
                }

                var configuration = MeioConfiguration.Build(parse.UnmatchedTokens);
                var serviceCheck = ConfigurationException.Guard(() => configuration.GetSection("ServiceCheck").Get<ServiceCheckOptions>() ?? new ServiceCheckOptions());
                var (services, _) = CliHost.BuildPlanningServices(configuration);
                using var disposeServices = services;
                var planning = PlanningInputLoader.Load(parse.GetValue(input)!);
                var options = new HoldoutOptions
                {
                    Origin = originDate,
                    Periods = parse.GetValue(periods),
                    Replications = parse.GetValue(replications),
                    BandReplications = parse.GetValue(band),
                    BandSharedDates = parse.GetValue(sharedDates),
                    Shortfall = serviceCheck.Shortfall,
                    WarmUp = parse.GetValue(warmUp) switch
                    {
                        "history" => HoldoutWarmUp.History,
                        "plan" => HoldoutWarmUp.Plan,
                        var other => throw new ConfigurationException($"--warm-up '{other}' is not known (use 'history' or 'plan')."),
                    },
                };
                ConfigurationException.Guard(() =>
                {
                    options.Validate();
                    return options;
                });
                var holdout = new PolicyHoldout(ConfigurationException.Guard(services.GetRequiredService<PlanningRun>));
                var file = parse.GetValue(output)!;
                var k = parse.GetValue(count);
                var s = parse.GetValue(step) ?? options.Periods ?? planning.Settings.Horizon;
                if (k > 1 && s < 1)
                {
                    throw new ConfigurationException($"--step {s} must be at least 1 period.");
                }

                var origins = k > 1 ? Enumerable.Range(0, k).Select(i => planning.Settings.Period.Add(originDate, -i * s)).ToArray() : [originDate];

                // Each origin plans a whole horizon, past the history's end when N is shorter: its signals are checked
                // before any fit, as meio run checks them.
                foreach (var o in origins)
                {
                    PlanningInputLoader.CheckFutureSignals(PolicyHoldout.AtOrigin(planning, o));
                }

                if (k > 1)
                {
                    var summary = holdout.RunOrigins(planning, options, origins, new TerminalProgress(Console.Error), cancellationToken);
                    foreach (var o in summary.Origins)
                    {
                        var perOrigin = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, $"{Path.GetFileNameWithoutExtension(file)}-{o.Policy.Origin:yyyy-MM-dd}{Path.GetExtension(file)}");
                        Directory.CreateDirectory(Path.GetDirectoryName(perOrigin)!);
                        await File.WriteAllBytesAsync(perOrigin, HoldoutCsv.Write(o.Policy, o.SingleEchelon), cancellationToken).ConfigureAwait(false);
                    }

                    foreach (var line in summary.SummaryLines())
                    {
                        await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
                    }

                    await WriteBandAsync(file, summary.Origins, cancellationToken).ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                var (plan, report) = holdout.Run(planning, options, new TerminalProgress(Console.Error), cancellationToken);
                var folder = Path.GetDirectoryName(Path.GetFullPath(file));
                if (folder is not null)
                {
                    Directory.CreateDirectory(folder);
                }

                await File.WriteAllBytesAsync(file, HoldoutCsv.Write(report), cancellationToken).ConfigureAwait(false);
                Print(report);
                await Console.Out.WriteLineAsync($"holdout: {report.Nodes.Count} sku-nodes written to {Path.GetFullPath(file)}").ConfigureAwait(false);
                var single = new OriginHoldout(report, null, plan.Targets.Sum(t => t.SafetyStock), null)
                {
                    Band = HoldoutWindowBand.Simulate(planning, plan, report, options, cancellationToken),
                    SharedDatesBand = options.BandSharedDates ? HoldoutWindowBand.SimulateSharedDates(planning, plan, report, options, cancellationToken) : null,
                };
                await WriteBandAsync(file, [single], cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    /// <summary>Prints the window band lines and writes FILE's name + <c>-band</c> when any origin has a band.</summary>
    private static async Task WriteBandAsync(string file, IReadOnlyList<OriginHoldout> origins, CancellationToken cancellationToken)
    {
        if (origins.All(o => o.Band is null))
        {
            return;
        }

        foreach (var line in WindowServiceBand.SummaryLines(origins))
        {
            await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, $"{Path.GetFileNameWithoutExtension(file)}-band{Path.GetExtension(file)}");
        await File.WriteAllBytesAsync(path, HoldoutBandCsv.Write(origins), cancellationToken).ConfigureAwait(false);
    }

    private static void Print(HoldoutReport report)
    {
        var shown = report.Nodes.Count <= PrintAll
            ? report.Nodes
            : report.Nodes.OrderBy(n => n.AchievedService - n.TargetServiceLevel).ThenBy(n => n.Sku, StringComparer.Ordinal).ThenBy(n => n.Location, StringComparer.Ordinal).Take(PrintAll / 2).ToList();
        Console.Out.WriteLine(report.Nodes.Count <= PrintAll ? "sku,location: achieved vs target (simulated)" : $"the {shown.Count} sku-nodes furthest below target (all in the CSV): achieved vs target (simulated)");
        foreach (var n in shown)
        {
            var simulated = n.SimulatedService is { } s ? FormattableString.Invariant($" ({s:P1})") : string.Empty;
            Console.Out.WriteLine(FormattableString.Invariant($"  {n.Sku},{n.Location}: {n.AchievedService:P1} vs {n.TargetServiceLevel:P1}{simulated}"));
        }

        foreach (var line in report.SummaryLines())
        {
            Console.Out.WriteLine(line);
        }
    }
}
