using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Runs;

/// <summary>Paths of the output contract under the output root.</summary>
public static class RunLayout
{
    /// <summary>The pointer to the newest complete run.</summary>
    public const string LatestPath = "latest.json";

    /// <summary>The name of a run's manifest.</summary>
    public const string ManifestName = "manifest.json";

    /// <summary>The folder of run <paramref name="runId"/>.</summary>
    public static string RunFolder(string runId) => ObjectPath.Combine("runs", ValidateRunId(runId));

    /// <summary>Path of a file of a run.</summary>
    public static string RunFile(string runId, string name) => ObjectPath.Combine("runs", ValidateRunId(runId), name);

    /// <summary>Path of a run's manifest.</summary>
    public static string Manifest(string runId) => RunFile(runId, ManifestName);

    /// <summary>Run ids are 1..100 characters of [A-Za-z0-9._-], not starting with '.'.</summary>
    public static string ValidateRunId(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        if (runId.Length is 0 or > 100 || runId[0] == '.' || !runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException($"Run id '{runId}' must be 1..100 characters of letters, digits, '.', '_' or '-', not starting with '.'.", nameof(runId));
        }

        return runId;
    }
}
