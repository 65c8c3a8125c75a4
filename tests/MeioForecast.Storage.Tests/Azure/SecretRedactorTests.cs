using MeioForecast.Storage.Stores;

namespace MeioForecast.Storage.Tests.Azure;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abc+/def==;EndpointSuffix=core.windows.net",
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=***;EndpointSuffix=core.windows.net")]
    [InlineData("BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=sv=2023-11-03&sig=xyz%2B",
        "BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=***")]
    [InlineData("GET https://a.blob.core.windows.net/c/b?sv=2023-11-03&se=2030-01-01&sig=AbC%3D&sp=r failed",
        "GET https://a.blob.core.windows.net/c/b?sv=2023-11-03&se=2030-01-01&sig=***&sp=r failed")]
    [InlineData("Authorization: Bearer eyJ0eXAi.eyJhdWQi.c2ln", "Authorization: Bearer ***")]
    [InlineData("nothing secret here: runs/r1/targets.csv", "nothing secret here: runs/r1/targets.csv")]
    public void Secrets_are_masked_and_the_rest_is_kept(string input, string expected) =>
        Assert.Equal(expected, SecretRedactor.Redact(input));
}
