using MeioForecast.Pipeline;

namespace MeioForecast.Worker;

/// <summary>Shows run progress on the terminal (standard error), one line per step change.</summary>
internal sealed class TerminalProgress(TextWriter writer) : IProgress<RunProgress>
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public void Report(RunProgress value)
    {
        var state = value.Completed >= value.Total ? "done" : "started";
        writer.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1}s] {value.Step}: {value.Completed}/{value.Total} {state}");
    }
}
