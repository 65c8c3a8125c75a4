namespace MeioForecast.Storage.Stores;

/// <summary>
/// The storage port of a run's outputs: a flat object store addressed by '/'-separated relative paths (a local folder
/// or a blob container with a prefix). Writes are atomic per object: a reader sees the old object or the whole new one.
/// </summary>
public interface IOutputStore
{
    /// <summary>Where the store points, for logs and messages; never contains secrets.</summary>
    string Description { get; }

    /// <summary>Reads an object, or returns null when it does not exist.</summary>
    Task<StoredObject?> TryReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Writes an object whole and returns its new ETag. Throws <see cref="WriteConditionFailedException"/> when
    /// <paramref name="condition"/> does not hold (create-only on an existing object, or a stale ETag).
    /// </summary>
    Task<string> WriteAsync(string path, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken);

    /// <summary>Lists the objects whose path starts with <paramref name="prefix"/>, in ordinal path order.</summary>
    IAsyncEnumerable<StoredObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes an object if it exists.</summary>
    Task DeleteAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Takes an exclusive lease named by <paramref name="path"/> (the run lock), or returns null when another holder has it.
    /// Disposing the result releases it.
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireLeaseAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the temporary files of writes that never completed (a killed process, a full disk) directly in the folder
    /// <paramref name="folder"/> ("" = the root), when older than <paramref name="minimumAge"/>. Stores whose writes
    /// leave nothing behind (blob uploads commit atomically) do nothing.
    /// </summary>
    Task RemoveTemporaryFilesAsync(string folder, TimeSpan minimumAge, CancellationToken cancellationToken) => Task.CompletedTask;
}
