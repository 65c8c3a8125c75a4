using MeioForecast.Storage.Stores.Azure;

namespace MeioForecast.Storage.Tests.Azure;

public sealed class StorageConnectionStringTests
{
    [Fact]
    public void Account_name_and_suffix_give_the_public_blob_endpoint()
    {
        // Endpoint form documented by Microsoft: https://<account>.blob.<EndpointSuffix>.
        var parsed = StorageConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=meioprod;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net");
        Assert.Equal(new Uri("https://meioprod.blob.core.windows.net"), parsed.BlobEndpoint);
        Assert.Equal("meioprod", parsed.AccountName);
        Assert.True(parsed.HasAccountKey);
        Assert.DoesNotContain("c2VjcmV0", parsed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Development_storage_is_azurite_on_port_10000_with_the_well_known_account()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.True(parsed.HasAccountKey);
    }

    [Fact]
    public void A_sas_connection_string_keeps_the_token_out_of_its_text()
    {
        var parsed = StorageConnectionString.Parse("BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2023-11-03&ss=b&sig=S3CRETsig%3D");
        Assert.True(parsed.HasSharedAccessSignature);
        Assert.False(parsed.HasAccountKey);
        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), parsed.BlobEndpoint);
        Assert.DoesNotContain("S3CRET", parsed.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=a")]
    [InlineData("AccountKey=c2VjcmV0")]
    [InlineData("AccountName=a;AccountKey=not*base64!")]
    [InlineData("BlobEndpoint=ftp://x;AccountName=a;AccountKey=c2VjcmV0")]
    [InlineData("garbage")]
    public void Malformed_connection_strings_fail_without_echoing_secrets(string text)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse(text));
        Assert.DoesNotContain("c2VjcmV0", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64", error.Message, StringComparison.Ordinal);
    }
}
