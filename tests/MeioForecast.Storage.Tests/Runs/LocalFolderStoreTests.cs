using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Tests.Runs;

public class LocalFolderStoreTests
{
    [Fact]
    public async Task Create_only_write_of_an_existing_object_is_refused()
    {
        using var temp = new TempFolder();
        var store = new LocalFolderStore(temp.Path);
        await store.WriteAsync("a/b.txt", "1"u8.ToArray(), WriteCondition.CreateOnly, CancellationToken.None);
        await Assert.ThrowsAsync<WriteConditionFailedException>(() => store.WriteAsync("a/b.txt", "2"u8.ToArray(), WriteCondition.CreateOnly, CancellationToken.None));
        Assert.Equal("1", System.Text.Encoding.UTF8.GetString((await store.TryReadAsync("a/b.txt", CancellationToken.None))!.Content.Span));
    }

    [Fact]
    public async Task Stale_etag_is_refused_and_current_etag_accepted()
    {
        using var temp = new TempFolder();
        var store = new LocalFolderStore(temp.Path);
        var first = await store.WriteAsync("x.json", "1"u8.ToArray(), WriteCondition.None, CancellationToken.None);
        var second = await store.WriteAsync("x.json", "2"u8.ToArray(), WriteCondition.MatchETag(first), CancellationToken.None);
        await Assert.ThrowsAsync<WriteConditionFailedException>(() => store.WriteAsync("x.json", "3"u8.ToArray(), WriteCondition.MatchETag(first), CancellationToken.None));
        await store.WriteAsync("x.json", "4"u8.ToArray(), WriteCondition.MatchETag(second), CancellationToken.None);
    }

    [Fact]
    public async Task Lease_is_exclusive_until_released()
    {
        using var temp = new TempFolder();
        var store = new LocalFolderStore(temp.Path);
        var lease = await store.TryAcquireLeaseAsync("runs/r1/lock", CancellationToken.None);
        Assert.NotNull(lease);
        Assert.Null(await store.TryAcquireLeaseAsync("runs/r1/lock", CancellationToken.None));
        await lease.DisposeAsync();
        var again = await store.TryAcquireLeaseAsync("runs/r1/lock", CancellationToken.None);
        Assert.NotNull(again);
        await again.DisposeAsync();
    }

    [Fact]
    public async Task Listing_is_ordinal_by_prefix_and_hides_temporary_files()
    {
        using var temp = new TempFolder();
        var store = new LocalFolderStore(temp.Path);
        foreach (var path in new[] { "runs/b/x", "runs/a/y", "other/z" })
        {
            await store.WriteAsync(path, "1"u8.ToArray(), WriteCondition.None, CancellationToken.None);
        }

        await File.WriteAllTextAsync(Path.Combine(temp.Path, "runs", "a", ".tmp-123"), "partial");
        var listed = new List<string>();
        await foreach (var entry in store.ListAsync("runs/", CancellationToken.None))
        {
            listed.Add(entry.Path);
        }

        Assert.Equal(["runs/a/y", "runs/b/x"], listed);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/abs")]
    [InlineData("a//b")]
    [InlineData("a\\b")]
    public async Task Unsafe_paths_are_refused(string path)
    {
        using var temp = new TempFolder();
        var store = new LocalFolderStore(temp.Path);
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(path, "1"u8.ToArray(), WriteCondition.None, CancellationToken.None));
    }
}
