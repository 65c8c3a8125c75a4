using System.Text;
using MeioForecast.Core.Planning;
using MeioForecast.Reporting;
using MeioForecast.Storage.Runs;

namespace MeioForecast.Storage.Reports;

/// <summary>The run's report.html, made from the run's files just before they are published (listed in the manifest).</summary>
public static class RunReportFile
{
    /// <summary>Renders the report of the run made of <paramref name="files"/> (and its <paramref name="input"/>, for the graph and history).</summary>
    public static RunFile Create(
        string runId,
        DateTimeOffset createdUtc,
        string softwareVersion,
        IReadOnlyDictionary<string, string> settings,
        IEnumerable<RunFile> files,
        PlanningInput? input,
        ReportOptions? options = null)
    {
        options = (options ?? new ReportOptions()).Validate();
        var contents = files.ToDictionary(f => f.Name, f => f.Content, StringComparer.Ordinal);
        var data = RunReportReader.Read(runId, createdUtc, softwareVersion, settings, contents, input, options.HistoryPeriods);
        return new RunFile(RunReportReader.ReportFileName, new UTF8Encoding(false).GetBytes(RunReportRenderer.Render(data, options)), null);
    }
}
