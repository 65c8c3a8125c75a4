using System.CommandLine;
using System.Text;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Reporting;
using MeioForecast.Storage.Explanations;
using MeioForecast.Storage.Input;
using MeioForecast.Storage.Reports;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;
using MeioForecast.Worker.Hosting;
using MeioForecast.Worker.Output;

using Microsoft.Extensions.Configuration;

namespace MeioForecast.Worker.Commands;

/// <summary>
/// <c>meio report --run RUN [--output ROOT] [--previous RUN] [--input DIR] [--out report.html] [--top N]</c>: writes the
/// planner's self-contained HTML report of a run (docs/report.md). RUN is a run folder (…/runs/&lt;id&gt;), a blob URI of
/// one (blob://container/prefix/runs/&lt;id&gt;), or a run id (or <c>latest</c>) under <c>--output</c>. With
/// <c>--previous</c> the explanations are recomputed against that run from both runs' node_drivers.csv (as
/// <c>meio explain</c> does); <c>--input</c> adds the network graph, demand history and promotions/holidays.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output") { Description = "Output root holding the runs when --run is a run id (local folder or blob://container/prefix).", DefaultValueFactory = _ => "out" };
        var run = new Option<string>("--run") { Description = "Run folder, blob URI of a run (…/runs/<id>), run id under --output, or 'latest'.", Required = true };
        var previous = new Option<string?>("--previous") { Description = "Run to compare with (same forms as --run); default: the run the planning run was explained against." };
        var input = new Option<string?>("--input") { Description = "The run's input folder: adds the network graph, demand history and promotions/holidays." };
        var target = new Option<string>("--out") { Description = "HTML file to write.", DefaultValueFactory = _ => "report.html" };
        var top = new Option<int>("--top") { Description = "Rows of the changes table rendered (largest changes first); the rest stays searchable.", DefaultValueFactory = _ => new ReportOptions().TopChanges };
        var command = new Command("report", "Write a run's self-contained HTML report: summary, network, changes with waterfalls, forecast fan charts, feature contributions.")
        {
            output, run, previous, input, target, top,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => CliHost.GuardAsync(
            async () =>
            {
                var configuration = MeioConfiguration.Build(parse.UnmatchedTokens);
                var storage = StorageOptions.FromConfiguration(configuration);
                var options = new ReportOptions { TopChanges = parse.GetValue(top) };
                try
                {
                    options.Validate();
                }
                catch (ArgumentOutOfRangeException ex)
                {
                    Console.Error.WriteLine($"--top: {ex.Message}");
                    return ExitCodes.BadInput;
                }

                string html;
                try
                {
                    html = await RenderAsync(parse.GetValue(output)!, parse.GetValue(run)!, parse.GetValue(previous), parse.GetValue(input), (storage, configuration), options, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException ex)
                {
                    Console.Error.WriteLine(ex.Message);
                    return ExitCodes.BadInput;
                }

                var path = Path.GetFullPath(parse.GetValue(target)!);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var bytes = new UTF8Encoding(false).GetBytes(html);
                await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
                Console.Out.WriteLine($"Report written to {path} ({bytes.Length:N0} bytes)");
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static async Task<string> RenderAsync(
        string outputRoot, string runArgument, string? previousArgument, string? inputFolder, (StorageOptions Storage, IConfiguration Configuration) settings, ReportOptions options, CancellationToken cancellationToken)
    {
        var storage = settings.Storage;
        var (store, runId) = await LocateAsync(outputRoot, runArgument, storage, cancellationToken).ConfigureAwait(false);
        var reader = new RunReader(store);
        var run = runId == "latest"
            ? await reader.TryReadLatestAsync(cancellationToken).ConfigureAwait(false) ?? throw new InvalidDataException($"{store.Description} has no latest.json.")
            : await reader.ReadAsync(runId, cancellationToken).ConfigureAwait(false);
        if (previousArgument is not null)
        {
            run = await ExplainAgainstAsync(run, previousArgument, outputRoot, store, settings, cancellationToken).ConfigureAwait(false);
        }

        var input = inputFolder is null ? null : PlanningInputLoader.Load(inputFolder);
        if (inputFolder is not null && PlanningInputLoader.Fingerprint(inputFolder) != run.Manifest.InputFingerprint)
        {
            Console.Error.WriteLine($"Warning: {inputFolder} is not the input run {run.Manifest.RunId} was planned from (fingerprints differ); history and network are drawn from it anyway.");
        }

        return RunReportRenderer.Render(RunReportReader.Read(run, input, options.HistoryPeriods), options);
    }

    /// <summary>Replaces the run's explanations by ones recomputed against <paramref name="previousArgument"/>.</summary>
    private static async Task<VerifiedRun> ExplainAgainstAsync(
        VerifiedRun run, string previousArgument, string outputRoot, IOutputStore runStore, (StorageOptions Storage, IConfiguration Configuration) options, CancellationToken cancellationToken)
    {
        var (storage, configuration) = options;
        var (previousStore, previousId) = previousArgument.Contains('/', StringComparison.Ordinal) || Directory.Exists(previousArgument)
            ? await LocateAsync(outputRoot, previousArgument, storage, cancellationToken).ConfigureAwait(false)
            : (runStore, previousArgument);
        var current = await RunDriversReader.TryReadAsync(runStore, run.Manifest.RunId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Run '{run.Manifest.RunId}' has no node_drivers.csv: it was written before explanations existed.");
        var previous = await RunDriversReader.TryReadAsync(previousStore, previousId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Run '{previousId}' has no node_drivers.csv: it was written before explanations existed.");
        var explanations = ExplanationReplay.Explain(current, previous, configuration, cancellationToken).Explanations;
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(run.Files, StringComparer.Ordinal)
        {
            [ExplanationsCsv.FileName] = ExplanationsCsv.Write(explanations).Content,
            [ExplanationSummaryCsv.FileName] = ExplanationSummaryCsv.Write(explanations).Content,
        };
        files.Remove(RunReportReader.DetailsFileName); // the drill-down was computed against the run's own baseline
        var settings = new SortedDictionary<string, string>(run.Manifest.Settings.ToDictionary(), StringComparer.Ordinal) { [ExplainedAgainstSetting.Key] = previousId };
        return new VerifiedRun(run.Manifest with { Settings = settings }, files);
    }

    /// <summary>Splits a run folder or blob URI ending in runs/&lt;id&gt; into store and id; anything else is a run id under <paramref name="outputRoot"/>.</summary>
    internal static async Task<(IOutputStore Store, string RunId)> LocateAsync(string outputRoot, string run, StorageOptions storage, CancellationToken cancellationToken)
    {
        var trimmed = run.TrimEnd('/', '\\');
        var isBlob = trimmed.StartsWith("blob://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
        if (isBlob || Directory.Exists(trimmed))
        {
            var normalized = isBlob ? trimmed : Path.GetFullPath(trimmed).Replace('\\', '/');
            var cut = normalized.LastIndexOf("/runs/", StringComparison.Ordinal);
            if (cut < 0 || normalized[(cut + 6)..].Contains('/', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"'{run}' is not a run folder: expected <output root>/runs/<run-id>.");
            }

            var root = normalized[..cut];
            var store = await OutputStoreFactory.CreateAsync(isBlob || root.Length > 0 ? root : "/", storage, cancellationToken).ConfigureAwait(false);
            return (store, normalized[(cut + 6)..]);
        }

        if (trimmed.Contains('/', StringComparison.Ordinal) || trimmed.Contains('\\', StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Run folder '{run}' does not exist.");
        }

        return (await OutputStoreFactory.CreateAsync(outputRoot, storage, cancellationToken).ConfigureAwait(false), run);
    }
}
