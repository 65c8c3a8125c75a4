using Azure.Core;
using Azure.Core.Pipeline;

namespace MeioForecast.Storage.Tests.Azure;

/// <summary>Records every request attempt as sent: method, blob path, comp, x-ms-version, Content-MD5 and the body bytes.</summary>
internal sealed class RecordingPolicy : HttpPipelinePolicy
{
    private readonly List<SentRequest> _sent = [];

    public IReadOnlyList<SentRequest> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message.Request);
        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message.Request);
        ProcessNext(message, pipeline);
    }

    private void Record(Request request)
    {
        using var body = new MemoryStream();
        request.Content?.WriteTo(body, CancellationToken.None);
        var query = request.Uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        var sent = new SentRequest(
            request.Method.Method, Uri.UnescapeDataString(request.Uri.Path), query.GetValueOrDefault("comp"),
            request.Headers.TryGetValue("x-ms-version", out var version) ? version : null,
            request.Headers.TryGetValue("Content-MD5", out var md5) ? md5 : null,
            body.ToArray());
        lock (_sent)
        {
            _sent.Add(sent);
        }
    }

    internal sealed record SentRequest(string Method, string Path, string? Comp, string? Version, string? ContentMd5, byte[] Body);
}
