using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace MeioForecast.Storage.Stores;

/// <summary>
/// The embedded default store: a local folder. Each write goes to a temporary file in the target folder and is renamed
/// into place, so readers never see a half-written object. ETags are the SHA-256 of the content. Conditional
/// replacement and leases use OS file locks (flock on Unix), so they hold across processes on one machine.
/// </summary>
public sealed class LocalFolderStore : IOutputStore
{
    private const string TempPrefix = ".tmp-";
    private readonly string _root;

    /// <summary>Creates a store rooted at <paramref name="root"/> (created when missing).</summary>
    public LocalFolderStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    /// <inheritdoc />
    public string Description => _root;

    /// <inheritdoc />
    public async Task<StoredObject?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        var file = FullPath(path);
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            return new StoredObject(bytes, ETagOf(bytes));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(string path, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var file = FullPath(path);
        var folder = Path.GetDirectoryName(file)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            // The temporary file is removed on every failure (a full disk, cancellation), not only after the rename.
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                // Written from the caller's memory: no copy of a file of hundreds of MB (100k sku-nodes).
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            }

            if (condition.IfNotExists)
            {
                try
                {
                    File.Move(temp, file, overwrite: false);
                }
                catch (IOException) when (File.Exists(file))
                {
                    throw new WriteConditionFailedException(path, condition);
                }
            }
            else if (condition.IfMatch is { } expected)
            {
                using var guard = await LockAsync(file + ".cas", cancellationToken).ConfigureAwait(false);
                var current = File.Exists(file) ? ETagOf(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false)) : null;
                if (current != expected)
                {
                    throw new WriteConditionFailedException(path, condition);
                }

                File.Move(temp, file, overwrite: true);
            }
            else
            {
                File.Move(temp, file, overwrite: true);
            }
        }
        finally
        {
            File.Delete(temp);
        }

        return ETagOf(content.Span);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await Task.Yield();
        var entries = new List<StoredObjectInfo>();
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith(TempPrefix, StringComparison.Ordinal) || name.EndsWith(".cas", StringComparison.Ordinal) || name.EndsWith(".lease", StringComparison.Ordinal))
            {
                continue;
            }

            var relative = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.StartsWith(prefix, StringComparison.Ordinal))
            {
                entries.Add(new StoredObjectInfo(relative, new FileInfo(file).Length));
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }
    }

    /// <inheritdoc />
    public Task RemoveTemporaryFilesAsync(string folder, TimeSpan minimumAge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var directory = folder.Length == 0 ? _root : FullPath(folder);
        if (!Directory.Exists(directory))
        {
            return Task.CompletedTask;
        }

        var cutoff = DateTime.UtcNow - minimumAge;
        foreach (var file in Directory.EnumerateFiles(directory, TempPrefix + "*", SearchOption.TopDirectoryOnly))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (File.GetLastWriteTimeUtc(file) <= cutoff)
            {
                File.Delete(file);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        File.Delete(FullPath(path));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IAsyncDisposable?> TryAcquireLeaseAsync(string path, CancellationToken cancellationToken)
    {
        var file = FullPath(path) + ".lease";
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            var stream = new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            return Task.FromResult<IAsyncDisposable?>(stream);
        }
        catch (IOException)
        {
            return Task.FromResult<IAsyncDisposable?>(null);
        }
    }

    /// <summary>The ETag of content: its SHA-256 in quotes, as HTTP writes ETags.</summary>
    public static string ETagOf(ReadOnlySpan<byte> content) => "\"" + Convert.ToHexStringLower(SHA256.HashData(content)) + "\"";

    private static async Task<FileStream> LockAsync(string file, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 500)
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private string FullPath(string path) => Path.Combine(_root, ObjectPath.Validate(path).Replace('/', Path.DirectorySeparatorChar));
}
