using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MeioForecast.Storage.Stores.Azure;

/// <summary>
/// The few Blob service REST operations the store needs, on an Azure.Core <see cref="HttpPipeline"/> (retries with
/// exponential backoff and jitter, per-attempt timeout, authentication policy). Every request pins x-ms-version; every
/// failure becomes a <see cref="BlobStorageException"/> with status, error code and request id.
/// Reference: Microsoft, "Blob service REST API" (Put Blob, Put Block, Put Block List, Get Blob, List Blobs,
/// Delete Blob, Lease Blob, Create Container).
/// </summary>
internal sealed class BlobRestClient
{
    /// <summary>The REST API version every request pins (x-ms-version).</summary>
    internal const string ApiVersion = "2023-11-03";

    private readonly Uri _endpoint;
    private readonly string? _sas;
    private readonly HttpPipeline _pipeline;
    private readonly string _container;
    private readonly int _attempts;

    internal BlobRestClient(Uri endpoint, string? sas, HttpPipeline pipeline, string container, int attempts)
    {
        _endpoint = endpoint;
        _sas = sas;
        _pipeline = pipeline;
        _container = container;
        _attempts = attempts;
    }

    internal string Description => $"{_endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/')}/{_container}";

    internal async Task CreateContainerIfNotExistsAsync(CancellationToken cancellationToken)
    {
        using var message = NewMessage(RequestMethod.Put, null, ("restype", "container"));
        message.Request.Content = RequestContent.Create(ReadOnlyMemory<byte>.Empty);
        var response = await SendAsync(message, "Create container", null, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (201 or 409))
        {
            throw Failure(response, "Create container", null);
        }
    }

    internal async Task<string> PutBlobAsync(string name, ReadOnlyMemory<byte> content, WriteCondition condition, byte[]? md5Override, CancellationToken cancellationToken)
    {
        using var message = NewMessage(RequestMethod.Put, name);
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Headers.SetValue("x-ms-blob-content-type", ContentTypeOf(name));
        request.Headers.SetValue("Content-MD5", Convert.ToBase64String(md5Override ?? MD5.HashData(content.Span)));
        Apply(request, condition);
        request.Content = RequestContent.Create(content);
        var response = await SendAsync(message, "Put blob", name, cancellationToken).ConfigureAwait(false);
        return response.Status == 201 ? ETagOf(response) : throw Failure(response, "Put blob", name);
    }

    internal async Task PutBlockAsync(string name, string blockId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var message = NewMessage(RequestMethod.Put, name, ("comp", "block"), ("blockid", blockId));
        message.Request.Headers.SetValue("Content-MD5", Convert.ToBase64String(MD5.HashData(content.Span)));
        message.Request.Content = RequestContent.Create(content);
        var response = await SendAsync(message, "Put block", name, cancellationToken).ConfigureAwait(false);
        if (response.Status != 201)
        {
            throw Failure(response, "Put block", name);
        }
    }

    internal async Task<string> PutBlockListAsync(string name, IReadOnlyList<string> blockIds, byte[] contentMd5, WriteCondition condition, CancellationToken cancellationToken)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in blockIds)
        {
            xml.Append("<Latest>").Append(id).Append("</Latest>");
        }

        var body = Encoding.UTF8.GetBytes(xml.Append("</BlockList>").ToString());
        using var message = NewMessage(RequestMethod.Put, name, ("comp", "blocklist"));
        var request = message.Request;
        request.Headers.SetValue("Content-Type", "application/xml");
        request.Headers.SetValue("Content-MD5", Convert.ToBase64String(MD5.HashData(body)));
        request.Headers.SetValue("x-ms-blob-content-md5", Convert.ToBase64String(contentMd5));
        request.Headers.SetValue("x-ms-blob-content-type", ContentTypeOf(name));
        Apply(request, condition);
        request.Content = RequestContent.Create(body);
        var response = await SendAsync(message, "Put block list", name, cancellationToken).ConfigureAwait(false);
        return response.Status == 201 ? ETagOf(response) : throw Failure(response, "Put block list", name);
    }

    /// <summary>Gets a blob and checks its bytes against the stored Content-MD5; null when the blob does not exist.</summary>
    internal async Task<StoredObject?> GetBlobAsync(string name, CancellationToken cancellationToken)
    {
        using var message = NewMessage(RequestMethod.Get, name);
        var response = await SendAsync(message, "Get blob", name, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404 && ErrorCodeOf(response) is "BlobNotFound" or null)
        {
            return null;
        }

        if (response.Status != 200)
        {
            throw Failure(response, "Get blob", name);
        }

        var content = response.Content.ToMemory();
        if (response.Headers.TryGetValue("Content-MD5", out var md5) && !string.IsNullOrEmpty(md5)
            && md5 != Convert.ToBase64String(MD5.HashData(content.Span)))
        {
            throw new BlobStorageException(
                $"Get blob '{name}' in {Description}: the downloaded bytes do not match the blob's Content-MD5 {md5}.",
                response.Status, "Md5Mismatch", RequestIdOf(response));
        }

        return new StoredObject(content, ETagOf(response));
    }

    internal async Task<BlobListPage> ListPageAsync(string prefix, string? marker, int pageSize, CancellationToken cancellationToken)
    {
        var query = new List<(string, string)> { ("restype", "container"), ("comp", "list"), ("maxresults", pageSize.ToString(CultureInfo.InvariantCulture)) };
        if (prefix.Length > 0)
        {
            query.Add(("prefix", prefix));
        }

        if (!string.IsNullOrEmpty(marker))
        {
            query.Add(("marker", marker));
        }

        using var message = NewMessage(RequestMethod.Get, null, [.. query]);
        var response = await SendAsync(message, "List blobs", prefix, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw Failure(response, "List blobs", prefix);
        }

        var document = XDocument.Load(response.Content.ToStream());
        var root = document.Root ?? throw new BlobStorageException($"List blobs in {Description}: empty answer.", response.Status, null, RequestIdOf(response));
        var blobs = new List<(string, long)>();
        foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            var blobName = blob.Element("Name")?.Value ?? "";
            var size = long.Parse(blob.Element("Properties")?.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture);
            blobs.Add((blobName, size));
        }

        var next = root.Element("NextMarker")?.Value;
        return new BlobListPage(blobs, string.IsNullOrEmpty(next) ? null : next);
    }

    internal async Task DeleteBlobAsync(string name, CancellationToken cancellationToken)
    {
        using var message = NewMessage(RequestMethod.Delete, name);
        var response = await SendAsync(message, "Delete blob", name, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (202 or 404))
        {
            throw Failure(response, "Delete blob", name);
        }
    }

    /// <summary>Acquires a lease; returns its id, or null when another holder has a lease on the blob.</summary>
    internal async Task<string?> AcquireLeaseAsync(string name, int durationSeconds, CancellationToken cancellationToken)
    {
        using var message = NewMessage(RequestMethod.Put, name, ("comp", "lease"));
        message.Request.Headers.SetValue("x-ms-lease-action", "acquire");
        message.Request.Headers.SetValue("x-ms-lease-duration", durationSeconds.ToString(CultureInfo.InvariantCulture));
        message.Request.Headers.SetValue("x-ms-proposed-lease-id", Guid.NewGuid().ToString());
        message.Request.Content = RequestContent.Create(ReadOnlyMemory<byte>.Empty);
        var response = await SendAsync(message, "Acquire lease", name, cancellationToken).ConfigureAwait(false);
        if (response.Status == 201 && response.Headers.TryGetValue("x-ms-lease-id", out var leaseId))
        {
            return leaseId;
        }

        return response.Status == 409 && ErrorCodeOf(response) == "LeaseAlreadyPresent" ? null : throw Failure(response, "Acquire lease", name);
    }

    internal Task RenewLeaseAsync(string name, string leaseId, CancellationToken cancellationToken) => LeaseActionAsync(name, "renew", leaseId, 200, cancellationToken);

    internal Task ReleaseLeaseAsync(string name, string leaseId, CancellationToken cancellationToken) => LeaseActionAsync(name, "release", leaseId, 200, cancellationToken);

    /// <summary>The number of committed blocks of a block blob (0 for a blob written by one Put Blob).</summary>
    internal async Task<int> CommittedBlockCountAsync(string name, CancellationToken cancellationToken)
    {
        using var message = NewMessage(RequestMethod.Get, name, ("comp", "blocklist"), ("blocklisttype", "committed"));
        var response = await SendAsync(message, "Get block list", name, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw Failure(response, "Get block list", name);
        }

        var document = XDocument.Load(response.Content.ToStream());
        return document.Root?.Element("CommittedBlocks")?.Elements("Block").Count() ?? 0;
    }

    private async Task LeaseActionAsync(string name, string action, string leaseId, int expected, CancellationToken cancellationToken)
    {
        using var message = NewMessage(RequestMethod.Put, name, ("comp", "lease"));
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
        message.Request.Content = RequestContent.Create(ReadOnlyMemory<byte>.Empty);
        var operation = action + " lease";
        var response = await SendAsync(message, operation, name, cancellationToken).ConfigureAwait(false);
        if (response.Status != expected)
        {
            throw Failure(response, operation, name);
        }
    }

    private HttpMessage NewMessage(RequestMethod method, string? blobName, params (string Name, string Value)[] query)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath("/" + _container, escape: false);
        if (blobName is not null)
        {
            request.Uri.AppendPath("/" + EncodeName(blobName), escape: false);
        }

        foreach (var (name, value) in query)
        {
            request.Uri.AppendQuery(name, value, true);
        }

        if (_sas is not null)
        {
            foreach (var part in _sas.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                request.Uri.AppendQuery(equals < 0 ? part : part[..equals], equals < 0 ? "" : part[(equals + 1)..], false);
            }
        }

        request.Headers.SetValue("x-ms-version", ApiVersion);
        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, string operation, string? name, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return message.Response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or IOException or HttpRequestException or OperationCanceledException)
        {
            // Inner exceptions are not attached: transport errors can quote request URIs, which may carry a SAS token.
            throw new BlobStorageException(
                $"{operation}{(name is null ? "" : $" '{name}'")} in {Description} failed: blob storage could not be reached after {_attempts} attempt(s) ({Innermost(ex).Message}).",
                0, "ServiceUnreachable", null);
        }
    }

    private BlobStorageException Failure(Response response, string operation, string? name)
    {
        var detail = "";
        if (response.Content.ToMemory().Length > 0)
        {
            try
            {
                var root = XDocument.Load(response.Content.ToStream()).Root;
                detail = root?.Element("Message")?.Value.Split('\n')[0].Trim() ?? "";
                if (root?.Element("AuthenticationErrorDetail")?.Value is { Length: > 0 } authentication)
                {
                    detail += " " + authentication.Trim();
                }
            }
            catch (System.Xml.XmlException)
            {
                detail = "";
            }
        }

        var text = $"{operation}{(name is null ? "" : $" '{name}'")} in {Description} failed{(detail.Length > 0 ? ": " + detail : ".")}";
        return new BlobStorageException(text, response.Status, ErrorCodeOf(response), RequestIdOf(response));
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

    private static void Apply(Request request, WriteCondition condition)
    {
        if (condition.IfNotExists)
        {
            request.Headers.SetValue("If-None-Match", "*");
        }
        else if (condition.IfMatch is { } etag)
        {
            request.Headers.SetValue("If-Match", etag);
        }
    }

    internal static string? ErrorCodeOf(Response response) => response.Headers.TryGetValue("x-ms-error-code", out var code) ? code : null;

    private static string? RequestIdOf(Response response) => response.Headers.TryGetValue("x-ms-request-id", out var id) ? id : null;

    private static string ETagOf(Response response) => response.Headers.TryGetValue("ETag", out var etag) ? etag : "";

    private static string EncodeName(string name) => string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    private static string ContentTypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".json" => "application/json",
        ".csv" => "text/csv; charset=utf-8",
        ".md" or ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
