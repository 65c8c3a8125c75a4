using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MeioForecast.Storage.Stores.Azure;

/// <summary>
/// Signs each attempt of a request with the account key (Shared Key authorization of the Blob service, version
/// 2009-09-19 and later): sets x-ms-date, builds the string-to-sign from the verb, the standard headers, the canonicalized
/// x-ms-* headers and the canonicalized resource, and sends <c>Authorization: SharedKey account:HMAC-SHA256</c>.
/// Runs per retry so that every attempt has a fresh date.
/// </summary>
internal sealed class SharedKeySigningPolicy(string accountName, byte[] accountKey) : HttpPipelineSynchronousPolicy
{
    private static readonly string[] StandardHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
        var signature = Sign(StringToSign(request));
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{signature}");
    }

    /// <summary>HMAC-SHA256 of the string-to-sign with the account key, base64.</summary>
    internal string Sign(string stringToSign) => Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>The string-to-sign of the Blob service Shared Key scheme.</summary>
    internal string StringToSign(Request request)
    {
        var text = new StringBuilder();
        text.Append(request.Method.Method.ToUpperInvariant()).Append('\n');
        foreach (var name in StandardHeaders)
        {
            string? value;
            if (name == "Content-Length")
            {
                // Version 2015-02-21 and later: an empty string when the length is zero.
                value = request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0
                    ? length.ToString(CultureInfo.InvariantCulture)
                    : "";
            }
            else
            {
                request.Headers.TryGetValue(name, out value);
            }

            text.Append(value ?? "").Append('\n');
        }

        var msHeaders = request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, value) in msHeaders)
        {
            text.Append(name).Append(':').Append(value).Append('\n');
        }

        var uri = request.Uri.ToUri();
        text.Append('/').Append(accountName).Append(uri.AbsolutePath);
        var query = ParseQuery(uri.Query);
        foreach (var group in query.GroupBy(p => p.Name.ToLowerInvariant()).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var values = group.Select(p => p.Value).OrderBy(v => v, StringComparer.Ordinal);
            text.Append('\n').Append(group.Key).Append(':').Append(string.Join(',', values));
        }

        return text.ToString();
    }

    private static IEnumerable<(string Name, string Value)> ParseQuery(string query)
    {
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(part[(equals + 1)..]);
            yield return (name, value);
        }
    }
}
