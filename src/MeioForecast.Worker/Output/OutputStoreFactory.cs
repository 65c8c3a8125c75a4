using Azure.Core;
using Azure.Identity;
using MeioForecast.Storage.Stores;
using MeioForecast.Storage.Stores.Azure;

namespace MeioForecast.Worker.Output;

/// <summary>The composition point of the output adapters: turns an output setting into the store behind the port.</summary>
public static class OutputStoreFactory
{
    /// <summary>
    /// Creates the store for <paramref name="output"/>: a <see cref="LocalFolderStore"/> for a path, an
    /// <see cref="AzureBlobStore"/> for a blob target (connection string, else token credential), and creates the
    /// container first when <see cref="StorageOptions.CreateContainerIfMissing"/> is set.
    /// </summary>
    public static async Task<IOutputStore> CreateAsync(string output, StorageOptions storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var store = ConfigurationException.Guard(() => Create(output, storage));
        if (store is AzureBlobStore blob && storage.CreateContainerIfMissing)
        {
            await blob.CreateContainerIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }

        return store;
    }

    private static IOutputStore Create(string output, StorageOptions storage)
    {
        var target = OutputTarget.Parse(output);
        if (!target.IsBlob)
        {
            return new LocalFolderStore(target.LocalPath!);
        }

        storage.Validate();
        AzureBlobStore store;
        if (target.ServiceUri is null && !string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            store = new AzureBlobStore(storage.ConnectionString, target.Container!, target.Prefix, storage.Blob);
        }
        else if ((target.ServiceUri ?? storage.BlobServiceUri) is { } endpoint)
        {
            store = new AzureBlobStore(endpoint, Credential(storage), target.Container!, target.Prefix, storage.Blob);
        }
        else
        {
            throw new ConfigurationException(
                $"Output '{target}' needs a storage account: set {StorageOptions.ConnectionStringVariable} (or {StorageOptions.SectionName}:ConnectionString), "
                + $"or {StorageOptions.SectionName}:BlobServiceUri for a managed identity.", nameof(output));
        }

        return store;
    }

    private static TokenCredential Credential(StorageOptions storage) =>
        string.IsNullOrWhiteSpace(storage.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(storage.ManagedIdentityClientId));
}
