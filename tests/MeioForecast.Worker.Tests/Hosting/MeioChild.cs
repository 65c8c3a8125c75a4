using System.Diagnostics;
using System.Text;

namespace MeioForecast.Worker.Tests.Hosting;

/// <summary>A <c>meio</c> child process (the built meio.dll): its merged output by line, signals, and its exit within a bound.</summary>
internal sealed class MeioChild : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];

    private MeioChild(Process process) => _process = process;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public int Id => _process.Id;

    /// <summary>Whether this machine's env takes <c>--default-signal</c> (GNU coreutils 8.31 and later).</summary>
    private static readonly Lazy<bool> DefaultSignals = new(() =>
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            using var probe = Process.Start(new ProcessStartInfo("env", ["--default-signal=INT,TERM", "true"]) { RedirectStandardError = true, UseShellExecute = false })!;
            probe.WaitForExit();
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public static MeioChild Start(params string[] args)
    {
        // A test runner started in the background by a non-interactive shell (`cmd &`) ignores SIGINT, and so would the
        // child it starts (an ignored signal stays ignored across exec): GNU env restores the default first, so the
        // signal tests test meio, not how the runner was launched (CI launched that way failed the INT case with no
        // "received" line in the child's output).
        var info = new ProcessStartInfo(DefaultSignals.Value ? "env" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (DefaultSignals.Value)
        {
            info.ArgumentList.Add("--default-signal=INT,TERM");
            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "meio.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var child = new MeioChild(Process.Start(info)!);
        child._process.OutputDataReceived += child.OnLine;
        child._process.ErrorDataReceived += child.OnLine;
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Completes when a line containing <paramref name="text"/> has been written.</summary>
    public Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_log)
        {
            if (_log.ToString().Contains(text, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            _waits.Add((text, seen));
        }

        return seen.Task.WaitAsync(timeout);
    }

    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>The exit code, waiting at most <paramref name="timeout"/> (then the test fails).</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // What the child printed, with the time it was given up on: where a stop was slow shows in its last lines.
            throw new TimeoutException($"meio did not exit within {timeout.TotalSeconds:F0} s (given up at {DateTime.UtcNow:HH:mm:ss.fff} UTC); its output:\n{Log}");
        }

        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void OnLine(object? sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(e.Data);
            foreach (var (text, seen) in _waits.Where(w => e.Data.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                seen.TrySetResult();
                _waits.Remove((text, seen));
            }
        }
    }
}
