using MeioForecast.Storage.Stores;
using MeioForecast.Storage.Stores.Azure;

namespace MeioForecast.Worker.Output;

/// <summary>
/// Where a run is published, parsed from <c>--output</c>: a local folder (default), <c>blob://container/prefix</c>
/// (the account comes from configuration), or <c>https://account.blob.core.windows.net/container/prefix</c>
/// (a token credential on that account).
/// </summary>
public sealed record OutputTarget
{
    private OutputTarget(string? localPath, string? container, string? prefix, Uri? serviceUri)
    {
        LocalPath = localPath;
        Container = container;
        Prefix = prefix;
        ServiceUri = serviceUri;
    }

    /// <summary>The local folder, for a local target.</summary>
    public string? LocalPath { get; }

    /// <summary>The blob container, for a blob target.</summary>
    public string? Container { get; }

    /// <summary>The prefix inside the container ("" for the container root), for a blob target.</summary>
    public string? Prefix { get; }

    /// <summary>The blob service endpoint named in an https target, or null (account from configuration).</summary>
    public Uri? ServiceUri { get; }

    /// <summary>True for a blob container target.</summary>
    public bool IsBlob => Container is not null;

    /// <summary>Parses an output setting; throws <see cref="ConfigurationException"/> for a malformed blob target.</summary>
    public static OutputTarget Parse(string output)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        if (output.StartsWith("blob://", StringComparison.OrdinalIgnoreCase))
        {
            var (container, prefix) = SplitContainer(output["blob://".Length..], output);
            return new OutputTarget(null, container, prefix, null);
        }

        if (output.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || output.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            var uri = new Uri(output);
            if (!string.IsNullOrEmpty(uri.Query))
            {
                throw new ConfigurationException("An output URI must not carry a query (SAS tokens belong in Storage:ConnectionString, never on the command line).", nameof(output));
            }

            var (container, prefix) = SplitContainer(Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')), uri.GetLeftPart(UriPartial.Authority));
            return new OutputTarget(null, container, prefix, new Uri(uri.GetLeftPart(UriPartial.Authority)));
        }

        return new OutputTarget(output, null, null, null);
    }

    /// <inheritdoc />
    public override string ToString() => IsBlob
        ? $"{(ServiceUri is null ? "blob://" : ServiceUri + "/")}{Container}{(Prefix!.Length > 0 ? "/" + Prefix : "")}"
        : LocalPath!;

    private static (string Container, string Prefix) SplitContainer(string rest, string shown)
    {
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var container = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
        if (container.Length == 0)
        {
            throw new ConfigurationException($"Output '{shown}' names no container: use blob://container/prefix.", nameof(rest));
        }

        AzureBlobStore.ValidateContainerName(container);
        if (prefix.Length > 0)
        {
            ObjectPath.Validate(prefix);
        }

        return (container, prefix);
    }
}
