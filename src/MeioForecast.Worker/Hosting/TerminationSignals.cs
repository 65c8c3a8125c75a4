using System.Runtime.InteropServices;

namespace MeioForecast.Worker.Hosting;

/// <summary>
/// SIGTERM and SIGINT (Ctrl+C) for every verb: the first signal cancels <see cref="Token"/> (the verb abandons its run at
/// the next step boundary and exits with code 4, or 0 for an idle <c>meio worker</c>) and starts a grace period; if the
/// verb has not returned by then (a step that does not observe cancellation, e.g. a model fit in progress) the process
/// writes the "cancelled" line and exits with code 4 itself. A second signal exits at once. Nothing partial is published
/// either way: files become visible only through the manifest, written last; temporary files of an interrupted write
/// are removed when the run id is resumed.
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    /// <summary>
    /// Time a verb gets after the signal to return on its own: the process ends within it plus a second on a quiet
    /// machine. 4 s, so that a loaded machine (the timer waits for a thread) still exits within the 10 s promised to
    /// orchestrators (seen: 4.4 s past a 6 s grace at load 20 on 2 cores).
    /// </summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(4);

    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter _log;
    private readonly TimeSpan _grace;
    private int _signals;
    private Timer? _deadline;

    private TerminationSignals(TextWriter log, TimeSpan grace)
    {
        _log = log;
        _grace = grace;
    }

    /// <summary>Cancelled at the first SIGTERM or SIGINT.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Registers the handlers (they replace the runtime's default of ending the process at once).</summary>
    public static TerminationSignals Register(TextWriter log, TimeSpan grace)
    {
        var signals = new TerminationSignals(log, grace);
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
        {
            signals._registrations.Add(PosixSignalRegistration.Create(signal, signals.OnSignal));
        }

        return signals;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _deadline?.Dispose();
        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) > 1)
        {
            Exit($"Cancelled ({context.Signal} again): the run was abandoned; nothing of it was published.");
            return;
        }

        _log.WriteLine($"{context.Signal} received: cancelling; the run is abandoned at its next step (at most {_grace.TotalSeconds:F0} s).");
        _deadline = new Timer(_ => Exit($"Cancelled: the run did not reach a step boundary within {_grace.TotalSeconds:F0} s and was abandoned; nothing of it was published."), null, _grace, Timeout.InfiniteTimeSpan);
        _cancel.Cancel();
    }

    private void Exit(string message)
    {
        _log.WriteLine(message);
        _log.Flush();
        Environment.Exit(ExitCodes.Cancelled);
    }
}
