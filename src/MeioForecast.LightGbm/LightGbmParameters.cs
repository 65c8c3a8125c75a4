using System.Globalization;
using System.Text;

namespace MeioForecast.LightGbm;

/// <summary>LightGBM's parameter string (<c>key=value</c> pairs separated by spaces), written in the invariant culture.</summary>
public static class LightGbmParameters
{
    /// <summary>
    /// Formats <paramref name="parameters"/> in the order given; doubles in shortest round-trip form, booleans as
    /// true/false, lists comma-separated. Keys are LightGBM's parameter names.
    /// </summary>
    public static string Format(IEnumerable<KeyValuePair<string, object>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var text = new StringBuilder();
        foreach (var (key, value) in parameters)
        {
            var formatted = value switch
            {
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                IEnumerable<int> list => string.Join(',', list.Select(i => i.ToString(CultureInfo.InvariantCulture))),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (string.IsNullOrEmpty(formatted) || formatted.Contains(' ', StringComparison.Ordinal))
            {
                // An empty list (no categorical features) is left out; a value with a space would split the string.
                if (string.IsNullOrEmpty(formatted))
                {
                    continue;
                }

                throw new ArgumentException($"LightGBM parameter '{key}' has a space in its value '{formatted}'.", nameof(parameters));
            }

            text.Append(text.Length == 0 ? string.Empty : " ").Append(key).Append('=').Append(formatted);
        }

        return text.ToString();
    }

    /// <summary>
    /// A feature name LightGBM accepts: its JSON punctuation (<c>" , : [ ] { }</c>) and white space become '_' (LightGBM
    /// rejects the former and rewrites the latter).
    /// </summary>
    public static string FeatureName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is '"' or ',' or ':' or '[' or ']' or '{' or '}' || char.IsWhiteSpace(chars[i]))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}
