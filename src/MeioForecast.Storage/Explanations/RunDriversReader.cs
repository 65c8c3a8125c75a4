using System.Globalization;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;
using MeioForecast.Pipeline.Explanation;
using MeioForecast.Storage.Runs;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Explanations;

/// <summary>
/// Reads the driver values of complete runs, verified against their manifests (<see cref="RunReader"/>). A run written
/// before explanations existed has no node_drivers.csv: it reads as null, and the next run is explained against
/// single-echelon placement.
/// </summary>
public static class RunDriversReader
{
    /// <summary>The drivers of the run latest.json points to; null when there is no run or it has no drivers.</summary>
    public static async Task<RunDrivers?> TryReadLatestAsync(IOutputStore store, CancellationToken cancellationToken)
    {
        var run = await new RunReader(store).TryReadLatestAsync(cancellationToken).ConfigureAwait(false);
        return run is null ? null : From(run);
    }

    /// <summary>The drivers of run <paramref name="runId"/>; null when it has none. Throws when the run is incomplete.</summary>
    public static async Task<RunDrivers?> TryReadAsync(IOutputStore store, string runId, CancellationToken cancellationToken)
    {
        var run = await new RunReader(store).ReadAsync(runId, cancellationToken).ConfigureAwait(false);
        return From(run);
    }

    /// <summary>The settings the run's manifest records (period, horizon, quantile levels, seed).</summary>
    private static PlanningSettings Settings(VerifiedRun run)
    {
        var s = run.Manifest.Settings;
        string Get(string key) => s.TryGetValue(key, out var v) ? v : throw new InvalidDataException($"Run {run.Manifest.RunId}: the manifest has no setting '{key}'.");
        return new PlanningSettings(
            Get("period") == "week" ? PeriodKind.Week : PeriodKind.Day,
            int.Parse(Get("horizon"), CultureInfo.InvariantCulture),
            Get("quantile_levels").Split(';').Select(QuantileLevel.Parse).ToArray(),
            int.Parse(Get("seed"), CultureInfo.InvariantCulture));
    }

    private static RunDrivers? From(VerifiedRun run) =>
        run.Files.TryGetValue(NodeDriversCsv.FileName, out var content)
            ? new RunDrivers(
                run.Manifest.RunId,
                NodeDriversCsv.Read(content),
                run.Manifest.Settings.TryGetValue(ExplainedAgainstSetting.Key, out var against) && against != ExplainedAgainstSetting.None ? against : null)
            {
                ForecastContributions = run.Files.TryGetValue(ForecastContributionsCsv.FileName, out var contributions) ? ForecastContributionsCsv.Read(contributions) : null,
                Inputs = run.Files.TryGetValue(ExplanationInputsCsv.FileName, out var inputs) ? ExplanationInputsCsv.Read(inputs, Settings(run)) : null,
            }
            : null;
}
