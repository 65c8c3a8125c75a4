using Microsoft.Extensions.Hosting;

namespace MeioForecast.Worker.Hosting;

/// <summary>
/// The host lifetime of <c>meio worker</c>: it registers no signal handlers (the default console lifetime would, and
/// would hold the process on exit for the whole shutdown timeout). <see cref="TerminationSignals"/> owns SIGTERM/SIGINT
/// and stops the host through the token given to <see cref="WorkerHost.RunAsync"/>.
/// </summary>
internal sealed class SignalFreeLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
