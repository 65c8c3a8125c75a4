using System.Text.RegularExpressions;

namespace MeioForecast.Storage.Stores;

/// <summary>
/// Removes secrets from text bound for logs and error messages: account keys and SAS signatures in connection strings,
/// URIs and query strings, and bearer tokens.
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "***";

    /// <summary>Returns <paramref name="text"/> with every secret value replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var result = KeyValueSecret().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Mask);
        result = QuerySecret().Replace(result, m => m.Groups["name"].Value + "=" + Mask);
        return Bearer().Replace(result, "Bearer " + Mask);
    }

    // AccountKey=..., SharedAccessSignature=..., SharedAccessKey=... up to ';' or whitespace or a quote.
    [GeneratedRegex(@"(?<name>AccountKey|SharedAccessSignature|SharedAccessKey|Password|ClientSecret)(?<sep>\s*=\s*)[^;\s""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValueSecret();

    // sig=... in SAS query strings (the signature is the secret; other SAS fields are harmless but sig must go).
    [GeneratedRegex(@"(?<=[?&;\s]|^)(?<name>sig|signature|code|access_token)=[^&;\s""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuerySecret();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bearer();
}
