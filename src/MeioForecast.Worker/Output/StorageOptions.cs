using MeioForecast.Storage.Stores;
using MeioForecast.Storage.Stores.Azure;
using Microsoft.Extensions.Configuration;

namespace MeioForecast.Worker.Output;

/// <summary>
/// How blob outputs reach their account (configuration section <c>Storage</c>). <see cref="ToString"/> never shows the
/// connection string.
/// </summary>
public sealed record StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Storage";

    /// <summary>The conventional environment variable of the Azure tools, used when <see cref="ConnectionString"/> is not set.</summary>
    public const string ConnectionStringVariable = "AZURE_STORAGE_CONNECTION_STRING";

    /// <summary>
    /// Azure Storage connection string (Shared Key, SAS, or <c>UseDevelopmentStorage=true</c>) for <c>blob://</c> outputs.
    /// Default: the AZURE_STORAGE_CONNECTION_STRING environment variable; none: use <see cref="BlobServiceUri"/>. Secret.
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// Blob service endpoint (https://account.blob.core.windows.net) used with a token credential (managed identity,
    /// workload identity, Azure CLI: DefaultAzureCredential) when no connection string is set. Default none.
    /// </summary>
    public Uri? BlobServiceUri { get; init; }

    /// <summary>Client id of a user-assigned managed identity for the token credential. Default none (system identity or DefaultAzureCredential chain).</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>Create the container when it is missing (needs a credential allowed to). Default false.</summary>
    public bool CreateContainerIfMissing { get; init; }

    /// <summary>Retries, timeouts, upload and listing sizes of the blob adapter (section <c>Storage:Blob</c>).</summary>
    public AzureBlobOptions Blob { get; init; } = new();

    /// <summary>Binds the section and falls back to AZURE_STORAGE_CONNECTION_STRING for the connection string.</summary>
    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<StorageOptions>() ?? new StorageOptions();
        return string.IsNullOrWhiteSpace(options.ConnectionString) && configuration[ConnectionStringVariable] is { Length: > 0 } fromEnvironment
            ? options with { ConnectionString = fromEnvironment }
            : options;
    }

    /// <summary>Throws <see cref="ConfigurationException"/> (never quoting the connection string) when an option is invalid.</summary>
    public StorageOptions Validate()
    {
        Blob.Validate();
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            try
            {
                AzureBlobStore.ValidateConnectionString(ConnectionString);
            }
            catch (FormatException ex)
            {
                throw new ConfigurationException($"{SectionName}:ConnectionString (or {ConnectionStringVariable}) is invalid: {ex.Message}", nameof(ConnectionString));
            }
        }

        if (BlobServiceUri is { } uri && (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.Query)))
        {
            throw new ConfigurationException($"{SectionName}:BlobServiceUri must be an https URI without a query.", nameof(BlobServiceUri));
        }

        return this;
    }

    /// <summary>The settings without secrets.</summary>
    public override string ToString() =>
        $"StorageOptions {{ ConnectionString = {(string.IsNullOrEmpty(ConnectionString) ? "(none)" : SecretRedactor.Mask)}, BlobServiceUri = {BlobServiceUri}, CreateContainerIfMissing = {CreateContainerIfMissing} }}";
}
