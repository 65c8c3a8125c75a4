using System.Collections.Concurrent;
using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Tests.Runs;

/// <summary>Wraps a store: records every write and runs hooks before and after each write (fault injection).</summary>
internal sealed class HookedStore(IOutputStore inner) : IOutputStore
{
    public ConcurrentQueue<string> Writes { get; } = new();

    public Func<string, Task>? BeforeWrite { get; set; }

    public Func<string, Task>? AfterWrite { get; set; }

    /// <summary>Called with each successful write's content; with <see cref="SerializeWrites"/> in the order the writes took effect.</summary>
    public Action<string, ReadOnlyMemory<byte>>? Written { get; set; }

    /// <summary>Runs writes one at a time (their success order is then observable); conditional-write semantics are unchanged.</summary>
    public bool SerializeWrites { get; set; }

    private readonly SemaphoreSlim _serial = new(1, 1);

    public string Description => inner.Description;

    public Task<StoredObject?> TryReadAsync(string path, CancellationToken cancellationToken) => inner.TryReadAsync(path, cancellationToken);

    public async Task<string> WriteAsync(string path, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken)
    {
        if (BeforeWrite is { } before)
        {
            await before(path);
        }

        Writes.Enqueue(path);
        string etag;
        if (SerializeWrites)
        {
            await _serial.WaitAsync(cancellationToken);
        }

        try
        {
            etag = await inner.WriteAsync(path, content, condition, cancellationToken);
            Written?.Invoke(path, content);
        }
        finally
        {
            if (SerializeWrites)
            {
                _serial.Release();
            }
        }

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
