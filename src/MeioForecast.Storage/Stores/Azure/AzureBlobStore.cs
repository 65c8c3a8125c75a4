using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MeioForecast.Storage.Stores.Azure;

/// <summary>
/// The Azure Blob Storage adapter of <see cref="IOutputStore"/>: objects are block blobs under an optional prefix of one
/// container. Built on Azure.Core (HTTP pipeline, retries with exponential backoff and jitter, bearer tokens from any
/// <see cref="TokenCredential"/>) and the Blob service REST API, signed with Shared Key when a connection string has an
/// account key. Uploads carry Content-MD5 (per block for block uploads, plus the whole blob's MD5 as a property) and
/// downloads are checked against it. Create-only writes use If-None-Match: *, replacements If-Match: ETag; the run lock
/// is a blob lease. Lease blobs are named <c>&lt;path&gt;.lease</c> and hidden from listings, as in <see cref="LocalFolderStore"/>.
/// </summary>
public sealed class AzureBlobStore : IOutputStore
{
    private const string LeaseSuffix = ".lease";
    private const string StorageScope = "https://storage.azure.com/.default";
    private readonly BlobRestClient _client;
    private readonly AzureBlobOptions _options;
    private readonly string _prefix;

    /// <summary>Creates a store from a connection string (Shared Key or SAS).</summary>
    public AzureBlobStore(StorageConnectionString connection, string container, string? prefix, AzureBlobOptions options)
        : this(connection, container, prefix, options, transport: null)
    {
    }

    /// <summary>Creates a store on <paramref name="blobEndpoint"/> authenticated by bearer tokens from <paramref name="credential"/> (HTTPS only).</summary>
    public AzureBlobStore(Uri blobEndpoint, TokenCredential credential, string container, string? prefix, AzureBlobOptions options)
        : this(blobEndpoint, credential, container, prefix, options, transport: null)
    {
    }

    /// <summary>Connection-string store with a custom transport or extra per-attempt policies (tests).</summary>
    internal AzureBlobStore(StorageConnectionString connection, string container, string? prefix, AzureBlobOptions options, HttpPipelineTransport? transport, params HttpPipelinePolicy[] extraPolicies)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _prefix = NormalizePrefix(prefix);
        HttpPipelinePolicy[] auth = connection.HasAccountKey && connection.SharedAccessSignature is null
            ? [new SharedKeySigningPolicy(connection.AccountName!, connection.AccountKey!)]
            : [];
        _client = new BlobRestClient(connection.BlobEndpoint, connection.SharedAccessSignature, BuildPipeline(options, transport, [.. extraPolicies, .. auth]), ValidateContainerName(container), options.MaxRetries + 1);
    }

    /// <summary>Token-credential store with a custom transport or extra per-attempt policies (tests).</summary>
    internal AzureBlobStore(Uri blobEndpoint, TokenCredential credential, string container, string? prefix, AzureBlobOptions options, HttpPipelineTransport? transport, params HttpPipelinePolicy[] extraPolicies)
    {
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _prefix = NormalizePrefix(prefix);
        var pipeline = BuildPipeline(options, transport, [.. extraPolicies, new BearerTokenAuthenticationPolicy(credential, StorageScope)]);
        _client = new BlobRestClient(new Uri(blobEndpoint.GetLeftPart(UriPartial.Path).TrimEnd('/')), null, pipeline, ValidateContainerName(container), options.MaxRetries + 1);
    }

    /// <inheritdoc />
    public string Description => _prefix.Length == 0 ? _client.Description : $"{_client.Description}/{_prefix.TrimEnd('/')}";

    /// <summary>Creates the container when it does not exist (needs a credential allowed to create containers).</summary>
    public Task CreateContainerIfNotExistsAsync(CancellationToken cancellationToken) => _client.CreateContainerIfNotExistsAsync(cancellationToken);

    /// <inheritdoc />
    public Task<StoredObject?> TryReadAsync(string path, CancellationToken cancellationToken) => _client.GetBlobAsync(BlobName(path), cancellationToken);

    /// <inheritdoc />
    public async Task<string> WriteAsync(string path, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var name = BlobName(path);
        try
        {
            if (content.Length <= _options.SingleUploadLimitBytes)
            {
                return await _client.PutBlobAsync(name, content, condition, null, cancellationToken).ConfigureAwait(false);
            }

            // Block upload: the blocks are staged (uncommitted, invisible) and the blob appears whole at Put Block List.
            var upload = RandomNumberGenerator.GetHexString(16, lowercase: true);
            var ids = new List<string>();
            for (var offset = 0; offset < content.Length; offset += _options.BlockSizeBytes)
            {
                var id = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{upload}-{ids.Count:D6}"));
                var length = Math.Min(_options.BlockSizeBytes, content.Length - offset);
                await _client.PutBlockAsync(name, id, content.Slice(offset, length), cancellationToken).ConfigureAwait(false);
                ids.Add(id);
            }

            return await _client.PutBlockListAsync(name, ids, MD5.HashData(content.Span), condition, cancellationToken).ConfigureAwait(false);
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
        string? marker = null;
        do
        {
            var page = await _client.ListPageAsync(_prefix + prefix, marker, _options.ListPageSize, cancellationToken).ConfigureAwait(false);
            foreach (var (name, size) in page.Blobs)
            {
                if (!name.EndsWith(LeaseSuffix, StringComparison.Ordinal) && name.StartsWith(_prefix, StringComparison.Ordinal))
                {
                    yield return new StoredObjectInfo(name[_prefix.Length..], size);
                }
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string path, CancellationToken cancellationToken) => _client.DeleteBlobAsync(BlobName(path), cancellationToken);

    /// <inheritdoc />
    public async Task<IAsyncDisposable?> TryAcquireLeaseAsync(string path, CancellationToken cancellationToken)
    {
        var name = BlobName(path) + LeaseSuffix;
        ObjectPath.Validate(name);
        try
        {
            await _client.PutBlobAsync(name, ReadOnlyMemory<byte>.Empty, WriteCondition.CreateOnly, null, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobStorageException ex) when (ex.Status is 409 or 412)
        {
            // The lock blob exists already (and may be leased): acquiring decides.
        }

        var leaseId = await _client.AcquireLeaseAsync(name, _options.LeaseDurationSeconds, cancellationToken).ConfigureAwait(false);
        return leaseId is null ? null : new BlobLease(_client, name, leaseId, TimeSpan.FromSeconds(_options.LeaseDurationSeconds));
    }

    /// <summary>The committed block count of the blob at <paramref name="path"/> (tests: proves a block upload).</summary>
    internal Task<int> CommittedBlockCountAsync(string path, CancellationToken cancellationToken) => _client.CommittedBlockCountAsync(BlobName(path), cancellationToken);

    /// <summary>The REST client (tests: writes with a deliberately wrong MD5).</summary>
    internal BlobRestClient Client => _client;

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

    private static bool IsConditionFailure(BlobStorageException ex, WriteCondition condition) =>
        (condition.IfNotExists || condition.IfMatch is not null)
        && ((ex.Status == 412 && ex.ErrorCode is "ConditionNotMet" or null)
            || (ex.Status == 409 && ex.ErrorCode == "BlobAlreadyExists")
            || (ex.Status == 404 && condition.IfMatch is not null && ex.ErrorCode == "BlobNotFound"));

    private static HttpPipeline BuildPipeline(AzureBlobOptions options, HttpPipelineTransport? transport, HttpPipelinePolicy[] perRetry)
    {
        var clientOptions = new BlobPipelineOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.Diagnostics.IsLoggingContentEnabled = false;
        clientOptions.Diagnostics.ApplicationId = "MeioForecast";
        if (transport is not null)
        {
            clientOptions.Transport = transport;
        }

        return HttpPipelineBuilder.Build(clientOptions, [], perRetry, new ResponseClassifier());
    }

    private static string NormalizePrefix(string? prefix)
    {
        var trimmed = (prefix ?? "").Trim('/');
        return trimmed.Length == 0 ? "" : ObjectPath.Validate(trimmed) + "/";
    }

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

    private sealed class BlobPipelineOptions : ClientOptions
    {
    }
}
