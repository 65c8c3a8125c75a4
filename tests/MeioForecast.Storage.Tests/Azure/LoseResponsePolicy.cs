using Azure.Core;
using Azure.Core.Pipeline;

namespace MeioForecast.Storage.Tests.Azure;

/// <summary>
/// Fault injection at the HTTP level: lets the first request that matches reach the server, then runs
/// <paramref name="onMatch"/> (e.g. kills Azurite) and throws as if the connection dropped before the answer arrived.
/// The write is then committed on the server while the client retries against a dead server.
/// </summary>
internal sealed class LoseResponsePolicy(Func<Request, bool> match, Action onMatch) : HttpPipelinePolicy
{
    private int _fired;

    public Func<Request, bool> Match { get; set; } = match;

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (Match(message.Request) && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            onMatch();
            throw new IOException("Simulated fault: the connection dropped before the response arrived.");
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public static Func<Request, bool> PutOf(string fileName, string? comp = null) => request =>
        request.Method == RequestMethod.Put
        && request.Uri.Path.EndsWith("/" + fileName, StringComparison.Ordinal)
        && (comp is null ? !request.Uri.Query.Contains("comp=", StringComparison.Ordinal) : request.Uri.Query.Contains("comp=" + comp, StringComparison.Ordinal));
}
