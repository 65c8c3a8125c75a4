using System.Xml.Linq;
using Azure;

namespace MeioForecast.Storage.Stores.Azure;

/// <summary>
/// Runs one SDK call of the store and turns its failures into <see cref="BlobStorageException"/>: a service answer keeps
/// its HTTP status, error code (x-ms-error-code) and request id; a server that could not be reached after every retry
/// becomes status 0 with error code <c>ServiceUnreachable</c>. Messages pass through <see cref="SecretRedactor"/>.
/// </summary>
internal sealed class BlobCallGuard(string description, int attempts)
{
    /// <summary>Where the calls go (endpoint and container), for messages.</summary>
    internal string Description { get; } = description;

    internal async Task<T> RunAsync<T>(string operation, string? name, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (BlobStorageException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (RequestFailedException ex) when (ex.Status != 0)
        {
            throw Failure(ex, operation, name);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or IOException or HttpRequestException or OperationCanceledException)
        {
            // The SDK gives up with an AggregateException of the attempts' errors (or the last per-attempt timeout).
            // Inner exceptions are not attached: transport errors can quote request URIs, which may carry a SAS token.
            throw new BlobStorageException(
                $"{Subject(operation, name)} failed: blob storage could not be reached after {attempts} attempt(s) ({Innermost(ex).Message}).",
                0, "ServiceUnreachable", null);
        }
    }

    internal Task RunAsync(string operation, string? name, Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync(operation, name, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>"Operation 'name' in endpoint/container", the start of every message.</summary>
    internal string Subject(string operation, string? name) => $"{operation}{(name is null ? "" : $" '{name}'")} in {Description}";

    private BlobStorageException Failure(RequestFailedException ex, string operation, string? name)
    {
        var response = ex.GetRawResponse();
        var detail = response is null ? "" : ServiceMessage(response);
        if (detail.Length == 0)
        {
            // The SDK's own message starts with the service's message; the rest lists headers and content.
            detail = ex.Message.Split('\n')[0].Trim();
        }

        var requestId = response?.Headers.RequestId;
        return new BlobStorageException(
            $"{Subject(operation, name)} failed{(detail.Length > 0 ? ": " + detail : ".")}",
            ex.Status, string.IsNullOrEmpty(ex.ErrorCode) ? null : ex.ErrorCode, string.IsNullOrEmpty(requestId) ? null : requestId);
    }

    /// <summary>The first line of the service's &lt;Message&gt; plus &lt;AuthenticationErrorDetail&gt;, from the error body.</summary>
    private static string ServiceMessage(Response response)
    {
        try
        {
            // A streamed answer (download) is not buffered; its message then comes from the SDK's text.
            var content = response.Content;
            if (content.ToMemory().Length == 0)
            {
                return "";
            }

            var root = XDocument.Load(content.ToStream()).Root;
            var detail = root?.Element("Message")?.Value.Split('\n')[0].Trim() ?? "";
            return root?.Element("AuthenticationErrorDetail")?.Value is { Length: > 0 } authentication
                ? $"{detail} {authentication.Trim()}"
                : detail;
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or InvalidOperationException)
        {
            return "";
        }
    }

    private static Exception Innermost(Exception ex)
    {
        while (true)
        {
            if (ex is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                ex = aggregate.InnerExceptions[^1];
            }
            else if (ex.InnerException is not null)
            {
                ex = ex.InnerException;
            }
            else
            {
                return ex;
            }
        }
    }
}
