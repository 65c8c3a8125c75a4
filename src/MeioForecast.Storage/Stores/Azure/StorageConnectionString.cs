namespace MeioForecast.Storage.Stores.Azure;

/// <summary>
/// A parsed Azure Storage connection string: <c>AccountName=...;AccountKey=...;DefaultEndpointsProtocol=https;EndpointSuffix=...</c>,
/// an explicit <c>BlobEndpoint=...</c>, <c>SharedAccessSignature=...</c>, or <c>UseDevelopmentStorage=true</c> (Azurite's
/// well-known account on 127.0.0.1:10000). <see cref="ToString"/> never shows the key or the signature.
/// </summary>
public sealed class StorageConnectionString
{
    /// <summary>The account name of the storage emulator (Azurite), public by design.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The account key of the storage emulator (Azurite), public by design and documented by Microsoft.</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnectionString(Uri blobEndpoint, string? accountName, byte[]? accountKey, string? sharedAccessSignature)
    {
        BlobEndpoint = blobEndpoint;
        AccountName = accountName;
        AccountKey = accountKey;
        SharedAccessSignature = sharedAccessSignature;
    }

    /// <summary>The blob service endpoint, without a trailing '/'; for Azurite it ends with the account name.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The account name, when the connection string has one (required for Shared Key).</summary>
    public string? AccountName { get; }

    /// <summary>The decoded account key for Shared Key signing, or null.</summary>
    internal byte[]? AccountKey { get; }

    /// <summary>The SAS token (query string without '?'), or null.</summary>
    internal string? SharedAccessSignature { get; }

    /// <summary>True when requests are signed with the account key.</summary>
    public bool HasAccountKey => AccountKey is not null;

    /// <summary>True when requests carry a SAS token.</summary>
    public bool HasSharedAccessSignature => SharedAccessSignature is not null;

    /// <summary>Parses a connection string; the error message never repeats the secret parts.</summary>
    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("The storage connection string is malformed: every part must be Name=Value.");
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development) && development.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            var proxy = settings.TryGetValue("DevelopmentStorageProxyUri", out var p) ? p.TrimEnd('/') : "http://127.0.0.1";
            return new StorageConnectionString(new Uri($"{proxy}:10000/{DevelopmentAccountName}"), DevelopmentAccountName, Convert.FromBase64String(DevelopmentAccountKey), null);
        }

        settings.TryGetValue("AccountName", out var account);
        byte[]? key = null;
        if (settings.TryGetValue("AccountKey", out var keyText))
        {
            try
            {
                key = Convert.FromBase64String(keyText);
            }
            catch (FormatException)
            {
                throw new FormatException("The storage connection string has an AccountKey that is not valid base64.");
            }
        }

        string? sas = settings.TryGetValue("SharedAccessSignature", out var s) ? s.TrimStart('?') : null;
        Uri endpoint;
        if (settings.TryGetValue("BlobEndpoint", out var blobEndpoint))
        {
            if (!Uri.TryCreate(blobEndpoint.TrimEnd('/'), UriKind.Absolute, out endpoint!) || endpoint.Scheme is not ("http" or "https"))
            {
                throw new FormatException("The storage connection string has a BlobEndpoint that is not an http(s) URI.");
            }
        }
        else
        {
            if (string.IsNullOrEmpty(account))
            {
                throw new FormatException("The storage connection string needs AccountName or BlobEndpoint.");
            }

            var protocol = settings.TryGetValue("DefaultEndpointsProtocol", out var pr) ? pr : "https";
            var suffix = settings.TryGetValue("EndpointSuffix", out var sx) ? sx : "core.windows.net";
            endpoint = new Uri($"{protocol}://{account}.blob.{suffix}");
        }

        if (key is not null && string.IsNullOrEmpty(account))
        {
            throw new FormatException("The storage connection string has AccountKey but no AccountName.");
        }

        if (key is null && sas is null)
        {
            throw new FormatException("The storage connection string has neither AccountKey nor SharedAccessSignature.");
        }

        return new StorageConnectionString(endpoint, account, key, sas);
    }

    /// <summary>The endpoint and the kind of credential, never the secret itself.</summary>
    public override string ToString() =>
        $"{BlobEndpoint} ({(HasAccountKey ? $"shared key of account {AccountName}" : "SAS token")})";
}
