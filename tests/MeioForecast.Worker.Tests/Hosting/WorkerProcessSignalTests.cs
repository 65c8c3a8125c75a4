using System.Diagnostics;
using System.Text;

namespace MeioForecast.Worker.Tests.Hosting;

/// <summary>`meio worker` as a real process: SIGTERM stops it gracefully with the documented exit code.</summary>
public sealed class WorkerProcessSignalTests : IDisposable
{
    private readonly string _output = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task Sigterm_while_idle_stops_the_worker_with_exit_code_0()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // SIGTERM is a Unix signal; CI and containers run Linux.
        }

        // A schedule whose next slot is a year away: the worker is idle when the signal arrives.
        var slot = DateTimeOffset.UtcNow.AddDays(-1);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "meio.dll"), "worker", "--input", TestPaths.DataSamples, "--output", _output, "--schedule", $"0 0 {slot.Day} {slot.Month} *" })
        {
            info.ArgumentList.Add(arg);
        }

        var log = new StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = Process.Start(info)!;
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data.Contains("Next run at", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.True(ExitCodes.Ok == process.ExitCode, $"exit code {process.ExitCode}; log:\n{log}");
        Assert.Contains("Worker stopped: 0 run(s) completed, 0 failed", log.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_output));
    }
}
