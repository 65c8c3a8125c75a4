using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using MeioForecast.Storage.Stores;
using MeioForecast.Storage.Stores.Azure;

namespace MeioForecast.Storage.Tests.Azure;

/// <summary>The blob adapter against a real blob server (Azurite, the peer implementation of the Blob service REST API).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobStoreTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Write_then_read_round_trips_bytes_and_each_write_gets_a_new_etag()
    {
        var store = await azurite.NewStoreAsync("roundtrip");
        var first = await store.WriteAsync("runs/r1/targets.csv", Bytes("a,b\n1,2\n"), WriteCondition.None, None);
        var read = await store.TryReadAsync("runs/r1/targets.csv", None);
        Assert.NotNull(read);
        Assert.Equal("a,b\n1,2\n", Encoding.UTF8.GetString(read.Content.Span));
        Assert.Equal(first, read.ETag);
        var second = await store.WriteAsync("runs/r1/targets.csv", Bytes("a,b\n3,4\n"), WriteCondition.None, None);
        Assert.NotEqual(first, second);
        Assert.Null(await store.TryReadAsync("runs/r1/missing.csv", None));
    }

    [Fact]
    public async Task Create_only_write_of_an_existing_blob_is_refused_and_leaves_it_unchanged()
    {
        var store = await azurite.NewStoreAsync("createonly");
        await store.WriteAsync("runs/r1/manifest.json", Bytes("first"), WriteCondition.CreateOnly, None);
        var error = await Assert.ThrowsAsync<WriteConditionFailedException>(
            () => store.WriteAsync("runs/r1/manifest.json", Bytes("second"), WriteCondition.CreateOnly, None));
        Assert.Equal("runs/r1/manifest.json", error.Path);
        Assert.Equal("first", Text(await store.TryReadAsync("runs/r1/manifest.json", None)));
    }

    [Fact]
    public async Task A_stale_etag_is_refused_and_the_current_etag_is_accepted()
    {
        var store = await azurite.NewStoreAsync("etag");
        var v1 = await store.WriteAsync("latest.json", Bytes("v1"), WriteCondition.CreateOnly, None);
        var v2 = await store.WriteAsync("latest.json", Bytes("v2"), WriteCondition.MatchETag(v1), None);
        await Assert.ThrowsAsync<WriteConditionFailedException>(() => store.WriteAsync("latest.json", Bytes("v3"), WriteCondition.MatchETag(v1), None));
        await Assert.ThrowsAsync<WriteConditionFailedException>(() => store.WriteAsync("absent.json", Bytes("x"), WriteCondition.MatchETag(v1), None));
        Assert.Equal("v2", Text(await store.TryReadAsync("latest.json", None)));
        Assert.Equal(v2, (await store.TryReadAsync("latest.json", None))!.ETag);
    }

    [Fact]
    public async Task Listing_follows_continuation_markers_with_a_small_page_size()
    {
        // Page size 2 over 5 matching blobs forces 3 pages; a lost marker would return only the first 2.
        var store = await azurite.NewStoreAsync("list", options: AzuriteFixture.FastOptions with { ListPageSize = 2 });
        var expected = new[] { "runs/a/1.csv", "runs/a/2.csv", "runs/a/3.csv", "runs/a/sub/4.csv", "runs/a/sub/5.csv" };
        foreach (var path in expected.Reverse())
        {
            await store.WriteAsync(path, Bytes(path), WriteCondition.None, None);
        }

        await store.WriteAsync("runs/b/other.csv", Bytes("x"), WriteCondition.None, None);
        await using (await store.TryAcquireLeaseAsync("runs/a/run.lock", None))
        {
            var listed = await ToListAsync(store.ListAsync("runs/a/", None));
            Assert.Equal(expected, listed.Select(i => i.Path));
            Assert.Equal(expected.Select(p => (long)p.Length), listed.Select(i => i.Size));
        }
    }

    [Fact]
    public async Task Prefixes_isolate_stores_sharing_a_container()
    {
        var container = azurite.NewContainerName("prefix");
        var connection = azurite.ConnectionString;
        var a = new AzureBlobStore(connection, container, "tenant-a/plans", AzuriteFixture.FastOptions);
        var b = new AzureBlobStore(connection, container, "tenant-b", AzuriteFixture.FastOptions);
        await a.CreateContainerIfNotExistsAsync(None);
        await a.WriteAsync("latest.json", Bytes("a"), WriteCondition.None, None);
        await b.WriteAsync("latest.json", Bytes("b"), WriteCondition.None, None);
        Assert.Equal(["latest.json"], (await ToListAsync(a.ListAsync("", None))).Select(i => i.Path));
        Assert.Equal("a", Text(await a.TryReadAsync("latest.json", None)));
        Assert.Equal("b", Text(await b.TryReadAsync("latest.json", None)));
        Assert.EndsWith($"/{container}/tenant-a/plans", a.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lease_blocks_a_second_holder_until_released()
    {
        var store = await azurite.NewStoreAsync("lease");
        var other = new AzureBlobStore(azurite.ConnectionString, ContainerOf(store), null, AzuriteFixture.FastOptions);
        var first = await store.TryAcquireLeaseAsync("runs/r1/run.lock", None);
        Assert.NotNull(first);
        Assert.Null(await other.TryAcquireLeaseAsync("runs/r1/run.lock", None));
        Assert.NotNull(await other.TryAcquireLeaseAsync("runs/r2/run.lock", None));
        await first.DisposeAsync();
        var again = await other.TryAcquireLeaseAsync("runs/r1/run.lock", None);
        Assert.NotNull(again);
        await again.DisposeAsync();
    }

    [Fact]
    public async Task Large_objects_go_up_in_blocks_and_read_back_whole()
    {
        // 2,500 bytes with a 1,000-byte single-upload limit and 300-byte blocks: ceil(2500 / 300) = 9 blocks.
        var store = await azurite.NewStoreAsync("blocks", options: AzuriteFixture.FastOptions with { SingleUploadLimitBytes = 1000, BlockSizeBytes = 300 });
        var content = new byte[2500];
        new Random(7).NextBytes(content);
        await store.WriteAsync("runs/r1/big.bin", content, WriteCondition.CreateOnly, None);
        Assert.Equal(9, await CommittedBlockCountAsync(store, "runs/r1/big.bin"));
        Assert.Equal(content, (await store.TryReadAsync("runs/r1/big.bin", None))!.Content.ToArray());
        await Assert.ThrowsAsync<WriteConditionFailedException>(() => store.WriteAsync("runs/r1/big.bin", content, WriteCondition.CreateOnly, None));
        await store.WriteAsync("runs/r1/small.bin", content.AsMemory(0, 1000), WriteCondition.None, None);
        Assert.Equal(0, await CommittedBlockCountAsync(store, "runs/r1/small.bin"));
    }

    [Fact]
    public async Task Every_upload_carries_the_md5_of_its_bytes_and_the_pinned_version_and_the_blob_keeps_its_whole_md5()
    {
        // Oracle: MD5 of the bytes each request sent, computed here from the captured body (RFC 1321 via .NET's MD5),
        // and of the whole content for the blob's Content-MD5 property. 2,500 bytes in 300-byte blocks: 9 Put Block;
        // 500 bytes: 1 Put Blob.
        var requests = new RecordingPolicy();
        var store = new AzureBlobStore(
            azurite.ConnectionString, azurite.NewContainerName("md5up"), "p", AzuriteFixture.FastOptions with { SingleUploadLimitBytes = 1000, BlockSizeBytes = 300 },
            o => o.AddPolicy(requests, HttpPipelinePosition.PerRetry));
        await store.CreateContainerIfNotExistsAsync(None);
        var big = new byte[2500];
        new Random(11).NextBytes(big);
        await store.WriteAsync("big.bin", big, WriteCondition.None, None);
        await store.WriteAsync("small.csv", big.AsMemory(0, 500), WriteCondition.None, None);

        var uploads = requests.Sent
            .Where(r => r.Method == "PUT" && r.Comp is null or "block" && (r.Path.EndsWith("/p/big.bin", StringComparison.Ordinal) || r.Path.EndsWith("/p/small.csv", StringComparison.Ordinal)))
            .ToList();
        Assert.Equal(9, uploads.Count(r => r.Comp == "block"));
        Assert.Single(uploads, r => r.Comp is null);
        Assert.All(uploads, r => Assert.Equal(Convert.ToBase64String(MD5.HashData(r.Body)), r.ContentMd5));
        Assert.All(requests.Sent, r => Assert.Equal("2023-11-03", r.Version));
        Assert.Equal(MD5.HashData(big), await ContentMd5PropertyAsync(store, "big.bin"));
        Assert.Equal(MD5.HashData(big.AsSpan(0, 500)), await ContentMd5PropertyAsync(store, "small.csv"));
    }

    [Fact]
    public async Task A_download_that_does_not_match_a_tampered_content_md5_property_is_rejected()
    {
        // The blob's Content-MD5 property is overwritten with the MD5 of other bytes, as a corrupted property would be.
        var store = await azurite.NewStoreAsync("md5prop");
        await store.WriteAsync("y.csv", Bytes("payload"), WriteCondition.None, None);
        await store.Container.GetBlobClient(store.BlobName("y.csv")).SetHttpHeadersAsync(new BlobHttpHeaders { ContentHash = MD5.HashData(Bytes("tampered").Span) });
        var error = await Assert.ThrowsAsync<BlobStorageException>(() => store.TryReadAsync("y.csv", None));
        Assert.Equal("Md5Mismatch", error.ErrorCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task A_download_whose_bytes_changed_under_the_stored_md5_is_rejected()
    {
        // Put Block List stores x-ms-blob-content-md5 without checking it: other bytes under the old MD5 simulate corruption.
        var store = await azurite.NewStoreAsync("md5down");
        await store.WriteAsync("y.csv", Bytes("payload"), WriteCondition.None, None);
        var blob = store.Container.GetBlockBlobClient(store.BlobName("y.csv"));
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes("block-000000"));
        await blob.StageBlockAsync(id, new MemoryStream(Encoding.UTF8.GetBytes("paylode")));
        await blob.CommitBlockListAsync([id], new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentHash = MD5.HashData(Bytes("payload").Span) } });
        var error = await Assert.ThrowsAsync<BlobStorageException>(() => store.TryReadAsync("y.csv", None));
        Assert.Equal("Md5Mismatch", error.ErrorCode);
        Assert.Contains("Content-MD5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_removes_a_blob_and_ignores_a_missing_one()
    {
        var store = await azurite.NewStoreAsync("delete");
        await store.WriteAsync("a.json", Bytes("1"), WriteCondition.None, None);
        await store.DeleteAsync("a.json", None);
        await store.DeleteAsync("a.json", None);
        Assert.Null(await store.TryReadAsync("a.json", None));
    }

    [Fact]
    public async Task Names_from_ids_are_encoded_and_unsafe_paths_are_refused()
    {
        var store = await azurite.NewStoreAsync("names");
        const string path = "runs/r 1/sku ä+b#c%20?&=.csv";
        await store.WriteAsync(path, Bytes("z"), WriteCondition.None, None);
        Assert.Equal("z", Text(await store.TryReadAsync(path, None)));
        Assert.Equal([path], (await ToListAsync(store.ListAsync("runs/", None))).Select(i => i.Path));
        foreach (var bad in new[] { "../x", "/x", "a/../b", "a//b", "a/./b", "dot./b", new string('a', 1025) })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(bad, Bytes("z"), WriteCondition.None, None));
        }
    }

    [Fact]
    public async Task A_missing_container_is_a_typed_error_with_status_code_and_request_id()
    {
        var store = new AzureBlobStore(azurite.ConnectionString, "no-such-container", null, AzuriteFixture.FastOptions);
        var error = await Assert.ThrowsAsync<BlobStorageException>(() => store.WriteAsync("a.json", Bytes("1"), WriteCondition.None, None));
        Assert.Equal(404, error.Status);
        Assert.Equal("ContainerNotFound", error.ErrorCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task A_wrong_account_key_is_refused_and_the_key_is_not_in_the_message()
    {
        const string wrongKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";
        var connection = azurite.ConnectionString.Replace(AzuriteFixture.DevelopmentAccountKey, wrongKey, StringComparison.Ordinal);
        var store = new AzureBlobStore(connection, "anything", null, AzuriteFixture.FastOptions);
        var error = await Assert.ThrowsAsync<BlobStorageException>(() => store.TryReadAsync("a.json", None));
        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationFailure", error.ErrorCode);
        Assert.DoesNotContain(wrongKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_fails_after_bounded_retries_with_a_clear_message()
    {
        // A closed loopback port: each attempt is refused at once; 3 attempts with 50..200 ms backoff end well within 10 s.
        var connection = 
            $"AccountName=devstoreaccount1;AccountKey={AzuriteFixture.DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{ClosedPort()}/devstoreaccount1";
        var store = new AzureBlobStore(connection, "c-1", null, AzuriteFixture.FastOptions);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<BlobStorageException>(() => store.WriteAsync("a.json", Bytes("1"), WriteCondition.None, None));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(0, error.Status);
        Assert.Equal("ServiceUnreachable", error.ErrorCode);
        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteFixture.DevelopmentAccountKey, error.ToString(), StringComparison.Ordinal);
    }

    internal static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string? Text(StoredObject? stored) => stored is null ? null : Encoding.UTF8.GetString(stored.Content.Span);

    private static async Task<int> CommittedBlockCountAsync(AzureBlobStore store, string path) =>
        (await store.Container.GetBlockBlobClient(store.BlobName(path)).GetBlockListAsync(BlockListTypes.Committed)).Value.CommittedBlocks.Count();

    private static async Task<byte[]> ContentMd5PropertyAsync(AzureBlobStore store, string path) =>
        (await store.Container.GetBlobClient(store.BlobName(path)).GetPropertiesAsync()).Value.ContentHash;

    private static string ContainerOf(AzureBlobStore store) => store.Description.Split('/')[^1];

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
