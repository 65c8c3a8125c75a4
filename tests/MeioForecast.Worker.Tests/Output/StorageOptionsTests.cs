using MeioForecast.Storage.Stores.Azure;
using MeioForecast.Worker.Output;
using Microsoft.Extensions.Configuration;

namespace MeioForecast.Worker.Tests.Output;

public sealed class StorageOptionsTests
{
    private const string Secret = "c2VjcmV0LWtleS1mb3ItdGVzdHM=";

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void The_conventional_environment_variable_supplies_the_connection_string()
    {
        var options = StorageOptions.FromConfiguration(Config(("AZURE_STORAGE_CONNECTION_STRING", "UseDevelopmentStorage=true")));
        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
        var explicitOne = StorageOptions.FromConfiguration(Config(("AZURE_STORAGE_CONNECTION_STRING", "UseDevelopmentStorage=true"), ("Storage:ConnectionString", $"AccountName=a;AccountKey={Secret}")));
        Assert.StartsWith("AccountName=a", explicitOne.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Blob_tuning_binds_from_the_storage_section()
    {
        var options = StorageOptions.FromConfiguration(Config(("Storage:Blob:MaxRetries", "2"), ("Storage:Blob:RetryDelay", "00:00:00.250"), ("Storage:CreateContainerIfMissing", "true")));
        Assert.Equal(2, options.Blob.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Blob.RetryDelay);
        Assert.True(options.CreateContainerIfMissing);
        Assert.Throws<ArgumentOutOfRangeException>(() => (options with { Blob = new AzureBlobOptions { ListPageSize = 0 } }).Validate());
    }

    [Fact]
    public void Neither_text_nor_errors_show_the_connection_string()
    {
        var options = new StorageOptions { ConnectionString = $"AccountName=a;AccountKey={Secret}" };
        Assert.DoesNotContain(Secret, options.ToString(), StringComparison.Ordinal);
        var invalid = new StorageOptions { ConnectionString = $"AccountKey={Secret}" };
        var error = Assert.Throws<ConfigurationException>(() => invalid.Validate());
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=a")]
    [InlineData("AccountKey=" + Secret)]
    [InlineData("AccountName=a;AccountKey=not*base64!")]
    [InlineData("BlobEndpoint=ftp://x;AccountName=a;AccountKey=" + Secret)]
    [InlineData("garbage")]
    public void Malformed_connection_strings_are_invalid_without_echoing_secrets(string text)
    {
        // Microsoft's "Configure Azure Storage connection strings": an account needs a key or a SAS, keys are base64,
        // endpoints are http(s) and every part is Name=Value.
        var error = Assert.Throws<ConfigurationException>(() => new StorageOptions { ConnectionString = text }.Validate());
        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=meioprod;AccountKey=" + Secret + ";EndpointSuffix=core.windows.net")]
    [InlineData("BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2023-11-03&ss=b&sig=S3CRETsig%3D")]
    public void The_documented_connection_string_forms_are_valid(string text) =>
        Assert.Same(text, new StorageOptions { ConnectionString = text }.Validate().ConnectionString);

    [Fact]
    public async Task A_blob_output_without_an_account_fails_with_a_message_naming_the_settings()
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => OutputStoreFactory.CreateAsync("blob://plans/eu", new StorageOptions(), default));
        Assert.Contains("AZURE_STORAGE_CONNECTION_STRING", error.Message, StringComparison.Ordinal);
    }
}
