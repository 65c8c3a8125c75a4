using System.Net;

namespace MeioForecast.Storage.Stores.Azure;

/// <summary>
/// A blob service request failed: the HTTP status (0 when the service could not be reached), the service's error code
/// (x-ms-error-code, e.g. <c>ContainerNotFound</c>) and request id (x-ms-request-id) for support. Messages never contain
/// account keys or SAS tokens.
/// </summary>
public sealed class BlobStorageException : IOException
{
    /// <summary>Creates the error.</summary>
    public BlobStorageException(string message, int status, string? errorCode, string? requestId, Exception? innerException = null)
        : base(SecretRedactor.Redact(Compose(message, status, errorCode, requestId)), innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        RequestId = requestId;
    }

    /// <summary>Creates the error.</summary>
    public BlobStorageException() : this("A blob storage request failed.", 0, null, null)
    {
    }

    /// <summary>Creates the error.</summary>
    public BlobStorageException(string message) : this(message, 0, null, null)
    {
    }

    /// <summary>Creates the error.</summary>
    public BlobStorageException(string message, Exception innerException) : this(message, 0, null, null, innerException)
    {
    }

    /// <summary>The HTTP status code, or 0 when no response arrived (network failure after all retries).</summary>
    public int Status { get; }

    /// <summary>The service's error code (x-ms-error-code), when it sent one.</summary>
    public string? ErrorCode { get; }

    /// <summary>The service's request id (x-ms-request-id), when it sent one.</summary>
    public string? RequestId { get; }

    private static string Compose(string message, int status, string? errorCode, string? requestId)
    {
        var details = new List<string>();
        if (status != 0)
        {
            details.Add($"status {status} ({(HttpStatusCode)status})");
        }

        if (errorCode is not null)
        {
            details.Add($"error code {errorCode}");
        }

        if (requestId is not null)
        {
            details.Add($"request id {requestId}");
        }

        return details.Count == 0 ? message : $"{message} [{string.Join(", ", details)}]";
    }
}
