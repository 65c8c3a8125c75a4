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

    private static RunDrivers? From(VerifiedRun run) =>
        run.Files.TryGetValue(NodeDriversCsv.FileName, out var content)
            ? new RunDrivers(
                run.Manifest.RunId,
                NodeDriversCsv.Read(content),
                run.Manifest.Settings.TryGetValue(ExplainedAgainstSetting.Key, out var against) && against != ExplainedAgainstSetting.None ? against : null)
            {
                ForecastContributions = run.Files.TryGetValue(ForecastContributionsCsv.FileName, out var contributions) ? ForecastContributionsCsv.Read(contributions) : null,
            }
            : null;
}
