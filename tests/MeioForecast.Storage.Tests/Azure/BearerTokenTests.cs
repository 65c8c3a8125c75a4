using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using MeioForecast.Storage.Stores;
using MeioForecast.Storage.Stores.Azure;

namespace MeioForecast.Storage.Tests.Azure;

/// <summary>
/// Bearer-token authentication from a <see cref="TokenCredential"/> against Azurite over HTTPS with OAuth "basic":
/// Azurite checks the token's audience, issuer and lifetime (not its signature), as documented in its README.
/// </summary>
public sealed class BearerTokenTests(AzuriteHttpsFixture azurite) : IClassFixture<AzuriteHttpsFixture>
{
    [Fact]
    public async Task A_token_for_the_storage_audience_is_accepted_and_the_scope_asked_for_is_storage()
    {
        var credential = new JwtCredential("https://storage.azure.com");
        var store = NewStore(credential, "bearer-ok");
        await store.CreateContainerIfNotExistsAsync(default);
        await store.WriteAsync("runs/r1/targets.csv", "a,b\n"u8.ToArray(), WriteCondition.CreateOnly, default);
        Assert.Equal("a,b\n"u8.ToArray(), (await store.TryReadAsync("runs/r1/targets.csv", default))!.Content.ToArray());
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes.Distinct());
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused_with_the_service_detail()
    {
        var store = NewStore(new JwtCredential("https://management.azure.com"), "bearer-denied");
        var error = await Assert.ThrowsAsync<BlobStorageException>(() => store.TryReadAsync("x.json", default));
        // Azure answers 401 for a bad token; Azurite 3.35 answers 403. Both carry AuthenticationFailed and the detail.
        Assert.Contains(error.Status, new[] { 401, 403 });
        Assert.Equal("AuthenticationFailed", error.ErrorCode);
        Assert.Contains("Invalid token audience", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", error.Message, StringComparison.Ordinal);
    }

    private AzureBlobStore NewStore(TokenCredential credential, string container)
    {
        // Trust exactly the fixture's self-signed certificate.
        var thumbprint = azurite.Certificate!.Thumbprint;
#pragma warning disable CA2000 // The transport owns the handler for the test's lifetime.
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint };
#pragma warning restore CA2000
        return new AzureBlobStore(azurite.BlobEndpoint, credential, container, "p", AzuriteFixture.FastOptions, o => o.Transport = new HttpClientTransport(handler));
    }

    /// <summary>Issues unsigned JWTs with the given audience, an Azure AD issuer and a one-hour lifetime.</summary>
    private sealed class JwtCredential(string audience) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }

            var now = DateTimeOffset.UtcNow;
            var payload = new Dictionary<string, object>
            {
                ["aud"] = audience,
                ["iss"] = "https://sts.windows.net/ab1f708d-50f6-404c-a006-d71b2ac7a606/",
                ["iat"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
                ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
                ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
                ["oid"] = "11059fcc-5514-4800-b5f8-49808b9cfab6",
            };
            var token = $"{Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8.ToArray())}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload))}.{Base64Url("signature"u8.ToArray())}";
            return new AccessToken(token, now.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));

        private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
