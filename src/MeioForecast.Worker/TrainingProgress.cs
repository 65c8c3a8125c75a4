using System.Globalization;
using MeioForecast.Forecasting.Gbt;
using Microsoft.Extensions.Logging;

namespace MeioForecast.Worker;

/// <summary>
/// Shows GBDT training progress on the terminal (standard error) when there is one, else in the log (the worker): one
/// line per quantile model every <c>every</c> trees and when the model is done (with the trees kept after early
/// stopping); never both, as the CLI's log goes to the same terminal. Thread-safe: the quantile models train concurrently.
/// </summary>
internal sealed partial class TrainingProgress(TextWriter? terminal, ILogger logger, int every = 25) : IProgress<GbdtProgress>
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private int _models;

    /// <summary>Quantile models finished so far.</summary>
    public int ModelsDone => _models;

    public void Report(GbdtProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Done && value.Trees % every != 0)
        {
            return;
        }

        var level = value.Alpha.ToString("0.###", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            // A refit on all rows is the second pass of a level's model: it is labelled, and not counted as a new model.
            var pass = value.Refit ? " refit on all rows" : string.Empty;
            if (value.Done && value.Refit)
            {
                Show($"gbdt q{level}{pass}: done, {value.Trees} trees", () => LogRefitDone(logger, level, value.Trees));
            }
            else if (value.Done)
            {
                _models++;
                Show($"gbdt q{level}: done, {value.Trees} trees kept (model {_models})", () => LogDone(logger, level, value.Trees, value.MaxTrees));
            }
            else
            {
                Show($"gbdt q{level}{pass}: {value.Trees}/{value.MaxTrees} trees", () => LogTrees(logger, level, value.Trees, value.MaxTrees));
            }
        }
    }

    private void Show(string line, Action log)
    {
        if (terminal is null)
        {
            log();
        }
        else
        {
            terminal.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1}s] {line}");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "GBDT q{Level}: {Trees}/{MaxTrees} trees")]
    private static partial void LogTrees(ILogger logger, string level, int trees, int maxTrees);

    [LoggerMessage(Level = LogLevel.Information, Message = "GBDT q{Level} refit on all rows done: {Trees} trees")]
    private static partial void LogRefitDone(ILogger logger, string level, int trees);

    [LoggerMessage(Level = LogLevel.Information, Message = "GBDT q{Level} done: {Trees} trees kept of at most {MaxTrees}")]
    private static partial void LogDone(ILogger logger, string level, int trees, int maxTrees);
}
