using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MeioForecast.Storage.Stores;
using MeioForecast.Storage.Stores.Azure;

namespace MeioForecast.Storage.Tests.Azure;

/// <summary>SAS connection strings against Azurite: the token travels on every request and never shows in messages.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SasTests(AzuriteFixture azurite)
{
    /// <summary>
    /// An account SAS signed as Microsoft's "Create an account SAS" (version 2020-12-06 and later) documents:
    /// HMAC-SHA256 over account, permissions, services, resource types, start, expiry, IP, protocol, version,
    /// encryption scope, each followed by a newline.
    /// </summary>
    private static string AccountSas(string permissions, DateTimeOffset expiry)
    {
        const string version = "2023-11-03";
        var se = expiry.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var stringToSign = $"{AzuriteFixture.DevelopmentAccountName}\n{permissions}\nb\nsco\n\n{se}\n\n\n{version}\n\n";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(AzuriteFixture.DevelopmentAccountKey), Encoding.UTF8.GetBytes(stringToSign)));
        return $"sv={version}&ss=b&srt=sco&sp={permissions}&se={Uri.EscapeDataString(se)}&sig={Uri.EscapeDataString(signature)}";
    }

    private AzureBlobStore Store(string sas, string container) =>
        new($"BlobEndpoint={azurite.BlobEndpoint};SharedAccessSignature={sas}", container, "p", AzuriteFixture.FastOptions);

    [Fact]
    public async Task A_sas_with_write_permissions_publishes_and_reads_back()
    {
        var store = Store(AccountSas("rwdlac", DateTimeOffset.UtcNow.AddHours(1)), azurite.NewContainerName("sas"));
        await store.CreateContainerIfNotExistsAsync(default);
        await store.WriteAsync("runs/r1/targets.csv", "x,y\n"u8.ToArray(), WriteCondition.CreateOnly, default);
        Assert.Equal("x,y\n"u8.ToArray(), (await store.TryReadAsync("runs/r1/targets.csv", default))!.Content.ToArray());
        Assert.Single(await AzureBlobStoreTests.ToListAsync(store.ListAsync("runs/", default)));
    }

    [Fact]
    public async Task A_read_only_sas_is_refused_for_writes_and_the_signature_is_not_in_the_message()
    {
        var container = azurite.NewContainerName("sasro");
        await Store(AccountSas("rwdlac", DateTimeOffset.UtcNow.AddHours(1)), container).CreateContainerIfNotExistsAsync(default);
        var readOnly = AccountSas("rl", DateTimeOffset.UtcNow.AddHours(1));
        var error = await Assert.ThrowsAsync<BlobStorageException>(() => Store(readOnly, container).WriteAsync("a.json", "1"u8.ToArray(), WriteCondition.None, default));
        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationPermissionMismatch", error.ErrorCode);
        var signature = Uri.UnescapeDataString(readOnly[(readOnly.IndexOf("sig=", StringComparison.Ordinal) + 4)..]);
        Assert.DoesNotContain(signature, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(signature), error.ToString(), StringComparison.Ordinal);
    }
}
