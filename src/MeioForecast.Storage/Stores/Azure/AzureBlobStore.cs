using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure;
using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace MeioForecast.Storage.Stores.Azure;

/// <summary>
/// The Azure Blob Storage adapter of <see cref="IOutputStore"/>: objects are block blobs under an optional prefix of one
/// container, through the Azure.Storage.Blobs SDK (connection strings with Shared Key or SAS, or bearer tokens from any
/// <see cref="TokenCredential"/>; the SDK's exponential retries with jitter; x-ms-version pinned to
/// <see cref="PinnedServiceVersion"/>). Every upload carries Content-MD5: a single Put Blob its transactional MD5, a block
/// upload each block's MD5 and the whole blob's MD5 as its Content-MD5 property; every download is checked against the
/// blob's Content-MD5 here (the SDK's own download validation is off: its CRC64 structured messages fail on Azurite).
/// Create-only writes use If-None-Match: *, replacements If-Match: ETag; the run lock is a blob lease. Lease blobs are
/// named <c>&lt;path&gt;.lease</c> and hidden from listings, as in <see cref="LocalFolderStore"/>.
/// </summary>
public sealed class AzureBlobStore : IOutputStore
{
    /// <summary>The Blob service REST API version every request pins (x-ms-version).</summary>
    public const BlobClientOptions.ServiceVersion PinnedServiceVersion = BlobClientOptions.ServiceVersion.V2023_11_03;

    private const string LeaseSuffix = ".lease";
    private static readonly DownloadTransferValidationOptions NoSdkValidation = new() { ChecksumAlgorithm = StorageChecksumAlgorithm.None, AutoValidateChecksum = false };
    private readonly BlobContainerClient _container;
    private readonly AzureBlobOptions _options;
    private readonly BlobCallGuard _guard;
    private readonly string _prefix;

    /// <summary>Creates a store from a connection string (Shared Key, SAS, or <c>UseDevelopmentStorage=true</c>).</summary>
    public AzureBlobStore(string connectionString, string container, string? prefix, AzureBlobOptions options)
        : this(connectionString, container, prefix, options, configure: null)
    {
    }

    /// <summary>Creates a store on <paramref name="blobEndpoint"/> authenticated by bearer tokens from <paramref name="credential"/> (HTTPS only).</summary>
    public AzureBlobStore(Uri blobEndpoint, TokenCredential credential, string container, string? prefix, AzureBlobOptions options)
        : this(blobEndpoint, credential, container, prefix, options, configure: null)
    {
    }

    /// <summary>Connection-string store whose SDK options <paramref name="configure"/> amends (tests: transport, fault policies).</summary>
    internal AzureBlobStore(string connectionString, string container, string? prefix, AzureBlobOptions options, Action<BlobClientOptions>? configure)
        : this(ServiceClient(connectionString, ClientOptions(options, configure)), container, prefix, options)
    {
    }

    /// <summary>Token-credential store whose SDK options <paramref name="configure"/> amends (tests: transport, fault policies).</summary>
    internal AzureBlobStore(Uri blobEndpoint, TokenCredential credential, string container, string? prefix, AzureBlobOptions options, Action<BlobClientOptions>? configure)
        : this(new BlobServiceClient(
            new Uri((blobEndpoint ?? throw new ArgumentNullException(nameof(blobEndpoint))).GetLeftPart(UriPartial.Path).TrimEnd('/')),
            credential ?? throw new ArgumentNullException(nameof(credential)),
            ClientOptions(options, configure)), container, prefix, options)
    {
    }

    private AzureBlobStore(BlobServiceClient service, string container, string? prefix, AzureBlobOptions options)
    {
        _options = options;
        _prefix = NormalizePrefix(prefix);
        _container = service.GetBlobContainerClient(ValidateContainerName(container));
        _guard = new BlobCallGuard(_container.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/'), options.MaxRetries + 1);
    }

    /// <inheritdoc />
    public string Description => _prefix.Length == 0 ? _guard.Description : $"{_guard.Description}/{_prefix.TrimEnd('/')}";

    /// <summary>The container client (tests: inspect or tamper with blobs through the SDK directly).</summary>
    internal BlobContainerClient Container => _container;

    /// <summary>Creates the container when it does not exist (needs a credential allowed to create containers).</summary>
    public Task CreateContainerIfNotExistsAsync(CancellationToken cancellationToken) =>
        _guard.RunAsync("Create container", null, () => _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<StoredObject?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        var name = BlobName(path);
        try
        {
            return await _guard.RunAsync("Get blob", name, () => DownloadCheckedAsync(name, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (BlobStorageException ex) when (ex.Status == 404 && ex.ErrorCode is "BlobNotFound" or null)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(string path, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var name = BlobName(path);
        var upload = new BlobUploadOptions
        {
            // The whole blob's MD5 becomes its Content-MD5 property, also for a block upload (x-ms-blob-content-md5 at commit).
            HttpHeaders = new BlobHttpHeaders { ContentType = ContentTypeOf(name), ContentHash = MD5.HashData(content.Span) },
            Conditions = condition.IfNotExists ? new BlobRequestConditions { IfNoneMatch = ETag.All }
                : condition.IfMatch is { } etag ? new BlobRequestConditions { IfMatch = new ETag(etag) }
                : null,
            TransferOptions = new StorageTransferOptions
            {
                // The SDK uploads in one request only below InitialTransferSize; ours is the largest single upload.
                InitialTransferSize = _options.SingleUploadLimitBytes + 1L,
                MaximumTransferSize = _options.BlockSizeBytes,
                MaximumConcurrency = 1,
            },
        };
        try
        {
            var response = await _guard.RunAsync(
                "Put blob", name, () => _container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), upload, cancellationToken), cancellationToken).ConfigureAwait(false);
            return response.Value.ETag.ToString();
        }
        catch (BlobStorageException ex) when (IsConditionFailure(ex, condition))
        {
            throw new WriteConditionFailedException(path, condition);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var full = _prefix + prefix;
        var pages = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = full.Length == 0 ? null : full }, cancellationToken)
            .AsPages(continuationToken: null, pageSizeHint: _options.ListPageSize);
        var enumerator = pages.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (await _guard.RunAsync("List blobs", full, async () => await enumerator.MoveNextAsync().ConfigureAwait(false), cancellationToken).ConfigureAwait(false))
            {
                foreach (var blob in enumerator.Current.Values)
                {
                    if (!blob.Name.EndsWith(LeaseSuffix, StringComparison.Ordinal) && blob.Name.StartsWith(_prefix, StringComparison.Ordinal))
                    {
                        yield return new StoredObjectInfo(blob.Name[_prefix.Length..], blob.Properties.ContentLength ?? 0);
                    }
                }
            }
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var name = BlobName(path);
        return _guard.RunAsync("Delete blob", name, () => _container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable?> TryAcquireLeaseAsync(string path, CancellationToken cancellationToken)
    {
        var name = BlobName(path) + LeaseSuffix;
        ObjectPath.Validate(name);
        var blob = _container.GetBlobClient(name);
        try
        {
            var createOnly = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            await _guard.RunAsync("Put blob", name, () => blob.UploadAsync(BinaryData.Empty, createOnly, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (BlobStorageException ex) when (ex.Status is 409 or 412)
        {
            // The lock blob exists already (and may be leased): acquiring decides.
        }

        var duration = TimeSpan.FromSeconds(_options.LeaseDurationSeconds);
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await _guard.RunAsync("Acquire lease", name, () => lease.AcquireAsync(duration, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (BlobStorageException ex) when (ex.Status == 409 && ex.ErrorCode == "LeaseAlreadyPresent")
        {
            return null;
        }

        return new BlobLease(lease, _guard, name, duration);
    }

    /// <summary>The full blob name of a store path: validated, under the prefix, at most 1,024 characters.</summary>
    internal string BlobName(string path)
    {
        ObjectPath.Validate(path);
        if (path.Split('/').Any(segment => segment.EndsWith('.')))
        {
            throw new ArgumentException($"Object path '{path}' has a segment ending with '.', which blob storage does not keep.", nameof(path));
        }

        var name = _prefix + path;
        return name.Length <= ObjectPath.MaxLength
            ? name
            : throw new ArgumentException($"Blob name for '{path}' is {name.Length} characters with the prefix; at most {ObjectPath.MaxLength}.", nameof(path));
    }

    /// <summary>Throws <see cref="FormatException"/> (never quoting secrets) when the SDK cannot use <paramref name="connectionString"/>.</summary>
    public static void ValidateConnectionString(string connectionString) => ServiceClient(connectionString, new BlobClientOptions(PinnedServiceVersion));

    /// <summary>Container names: 3..63 characters of lower-case letters, digits and single hyphens, starting with a letter or digit.</summary>
    public static string ValidateContainerName(string container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var ok = container.Length is >= 3 and <= 63
            && char.IsAsciiLetterOrDigit(container[0]) && char.IsAsciiLetterOrDigit(container[^1])
            && container.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && !container.Contains("--", StringComparison.Ordinal);
        return ok
            ? container
            : throw new ArgumentException($"Container name '{container}' must be 3..63 lower-case letters, digits or single hyphens, starting and ending with a letter or digit.", nameof(container));
    }

    private async Task<StoredObject?> DownloadCheckedAsync(string name, CancellationToken cancellationToken)
    {
        // One GET without a range, so Content-MD5 in the answer is the blob's stored property.
        var response = await _container.GetBlobClient(name)
            .DownloadStreamingAsync(new BlobDownloadOptions { TransferValidation = NoSdkValidation }, cancellationToken).ConfigureAwait(false);
        using var result = response.Value;
        using var buffer = new MemoryStream(checked((int)result.Details.ContentLength));
        await result.Content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var content = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (result.Details.ContentHash is { Length: > 0 } md5 && !md5.AsSpan().SequenceEqual(MD5.HashData(content.Span)))
        {
            throw new BlobStorageException(
                $"{_guard.Subject("Get blob", name)}: the downloaded bytes do not match the blob's Content-MD5 {Convert.ToBase64String(md5)}.",
                response.GetRawResponse().Status, "Md5Mismatch", response.GetRawResponse().Headers.RequestId);
        }

        return new StoredObject(content, result.Details.ETag.ToString());
    }

    private static bool IsConditionFailure(BlobStorageException ex, WriteCondition condition) =>
        (condition.IfNotExists || condition.IfMatch is not null)
        && ((ex.Status == 412 && ex.ErrorCode is "ConditionNotMet" or null)
            || (ex.Status == 409 && ex.ErrorCode == "BlobAlreadyExists")
            || (ex.Status == 404 && condition.IfMatch is not null && ex.ErrorCode == "BlobNotFound"));

    /// <summary>The SDK's options from ours: pinned service version, retries, MD5 on uploads, no SDK download validation.</summary>
    private static BlobClientOptions ClientOptions(AzureBlobOptions options, Action<BlobClientOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var client = new BlobClientOptions(PinnedServiceVersion);
        client.Retry.Mode = RetryMode.Exponential;
        client.Retry.MaxRetries = options.MaxRetries;
        client.Retry.Delay = options.RetryDelay;
        client.Retry.MaxDelay = options.MaxRetryDelay;
        client.Retry.NetworkTimeout = options.NetworkTimeout;
        client.Diagnostics.IsLoggingContentEnabled = false;
        client.Diagnostics.ApplicationId = "MeioForecast";
        client.TransferValidation.Upload.ChecksumAlgorithm = StorageChecksumAlgorithm.MD5;
        client.TransferValidation.Download.ChecksumAlgorithm = StorageChecksumAlgorithm.None;
        client.TransferValidation.Download.AutoValidateChecksum = false;
        configure?.Invoke(client);
        return client;
    }

    private static BlobServiceClient ServiceClient(string connectionString, BlobClientOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        BlobServiceClient client;
        try
        {
            client = new BlobServiceClient(connectionString, options);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new FormatException(SecretRedactor.Redact($"The storage connection string is not usable: {ex.Message}"));
        }

        return client.Uri.Scheme is "http" or "https"
            ? client
            : throw new FormatException("The storage connection string has a BlobEndpoint that is not an http(s) URI.");
    }

    private static string NormalizePrefix(string? prefix)
    {
        var trimmed = (prefix ?? "").Trim('/');
        return trimmed.Length == 0 ? "" : ObjectPath.Validate(trimmed) + "/";
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".json" => "application/json",
        ".csv" => "text/csv; charset=utf-8",
        ".md" or ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
