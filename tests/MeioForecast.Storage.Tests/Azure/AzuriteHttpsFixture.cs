namespace MeioForecast.Storage.Tests.Azure;

/// <summary>An Azurite blob server over HTTPS (self-signed certificate) with OAuth bearer tokens accepted ("basic" mode).</summary>
public sealed class AzuriteHttpsFixture : AzuriteFixture
{
    public AzuriteHttpsFixture()
        : base(https: true)
    {
    }
}
