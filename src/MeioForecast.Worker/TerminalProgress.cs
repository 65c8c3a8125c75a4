using MeioForecast.Pipeline;

namespace MeioForecast.Worker;

/// <summary>
/// Shows run progress on the terminal (standard error): one line with the elapsed time when a step is done (the log
/// already says when each step starts and what it found).
/// </summary>
internal sealed class TerminalProgress(TextWriter writer) : IProgress<RunProgress>
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public void Report(RunProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Completed >= value.Total)
        {
            writer.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1}s] {value.Step}: {value.Completed}/{value.Total} done");
        }
    }
}
