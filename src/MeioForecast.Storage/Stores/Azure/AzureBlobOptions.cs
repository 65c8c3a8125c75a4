namespace MeioForecast.Storage.Stores.Azure;

/// <summary>
/// Options of <see cref="AzureBlobStore"/>: retries, timeouts, upload sizes, listing page size and the run-lock lease.
/// A request that keeps failing gives up after at most <c>(MaxRetries + 1) * NetworkTimeout</c> plus the backoff delays
/// (each at most <see cref="MaxRetryDelay"/>), so an unreachable account fails a run in bounded time.
/// </summary>
public sealed record AzureBlobOptions
{
    /// <summary>Retries of a failed request (transport error, 408, 429, 500, 502, 503, 504). Default 5; 0..20.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First backoff delay; doubles per retry with random jitter (the SDK's exponential retry mode). Default 0.5 s; 1 ms..1 min.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Largest backoff delay. Default 10 s; at least <see cref="RetryDelay"/>, at most 5 min.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one request attempt, including reading the response. Default 60 s; 1 s..10 min.</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest object written by one Put Blob; larger objects go up in blocks. Default 8 MiB; 1 byte..256 MiB.</summary>
    public int SingleUploadLimitBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Size of one block of a block upload. Default 4 MiB; 1 byte..100 MiB (service limit 4000 MiB).</summary>
    public int BlockSizeBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Blobs per listing page (maxresults); listing follows the continuation marker. Default 1000; 1..5000.</summary>
    public int ListPageSize { get; init; } = 1000;

    /// <summary>Duration of the run-lock lease, renewed every third of it while held. Default 60 s; 15..60 s (service range).</summary>
    public int LeaseDurationSeconds { get; init; } = 60;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public AzureBlobOptions Validate()
    {
        Check(MaxRetries is >= 0 and <= 20, nameof(MaxRetries), "0..20");
        Check(RetryDelay >= TimeSpan.FromMilliseconds(1) && RetryDelay <= TimeSpan.FromMinutes(1), nameof(RetryDelay), "1 ms..1 min");
        Check(MaxRetryDelay >= RetryDelay && MaxRetryDelay <= TimeSpan.FromMinutes(5), nameof(MaxRetryDelay), "RetryDelay..5 min");
        Check(NetworkTimeout >= TimeSpan.FromSeconds(1) && NetworkTimeout <= TimeSpan.FromMinutes(10), nameof(NetworkTimeout), "1 s..10 min");
        Check(SingleUploadLimitBytes is >= 1 and <= 256 * 1024 * 1024, nameof(SingleUploadLimitBytes), "1 byte..256 MiB");
        Check(BlockSizeBytes is >= 1 and <= 100 * 1024 * 1024, nameof(BlockSizeBytes), "1 byte..100 MiB");
        Check(ListPageSize is >= 1 and <= 5000, nameof(ListPageSize), "1..5000");
        Check(LeaseDurationSeconds is >= 15 and <= 60, nameof(LeaseDurationSeconds), "15..60");
        return this;
    }

    private static void Check(bool ok, string name, string range)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, $"{nameof(AzureBlobOptions)}.{name} must be in {range}.");
        }
    }
}
