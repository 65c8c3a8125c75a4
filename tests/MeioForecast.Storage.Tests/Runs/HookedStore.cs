using System.Collections.Concurrent;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Tests.Runs;

/// <summary>Wraps a store: records every write and runs hooks before and after each write (fault injection).</summary>
internal sealed class HookedStore(IOutputStore inner) : IOutputStore
{
    public ConcurrentQueue<string> Writes { get; } = new();

    public Func<string, Task>? BeforeWrite { get; set; }

    public Func<string, Task>? AfterWrite { get; set; }

    public string Description => inner.Description;

    public Task<StoredObject?> TryReadAsync(string path, CancellationToken cancellationToken) => inner.TryReadAsync(path, cancellationToken);

    public async Task<string> WriteAsync(string path, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken)
    {
        if (BeforeWrite is { } before)
        {
            await before(path);
        }

        Writes.Enqueue(path);
        var etag = await inner.WriteAsync(path, content, condition, cancellationToken);
        if (AfterWrite is { } after)
        {
            await after(path);
        }

        return etag;
    }

    public IAsyncEnumerable<StoredObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string path, CancellationToken cancellationToken) => inner.DeleteAsync(path, cancellationToken);

    public Task<IAsyncDisposable?> TryAcquireLeaseAsync(string path, CancellationToken cancellationToken) => inner.TryAcquireLeaseAsync(path, cancellationToken);
}
