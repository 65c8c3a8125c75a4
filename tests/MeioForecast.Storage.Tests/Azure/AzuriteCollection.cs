namespace MeioForecast.Storage.Tests.Azure;

/// <summary>Test classes in this collection share one Azurite server.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
