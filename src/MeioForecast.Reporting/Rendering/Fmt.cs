using System.Globalization;
using System.Net;

namespace MeioForecast.Reporting.Rendering;

/// <summary>Number and text formatting of the report: invariant culture, thousands separators, HTML escaping.</summary>
internal static class Fmt
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A whole number with thousands separators, e.g. 12,503.</summary>
    public static string N0(double value) => Math.Round(value, MidpointRounding.AwayFromZero).ToString("#,0", Invariant);

    /// <summary>A signed whole number with thousands separators, e.g. +1,234 or −56 (U+2212 minus).</summary>
    public static string Signed(double value)
    {
        var rounded = Math.Round(value, MidpointRounding.AwayFromZero);
        return rounded switch
        {
            > 0 => "+" + rounded.ToString("#,0", Invariant),
            < 0 => "\u2212" + (-rounded).ToString("#,0", Invariant),
            _ => "0",
        };
    }

    /// <summary>A fraction as a percentage with <paramref name="decimals"/> decimals, e.g. 96.5% or −43.3% (U+2212 minus).</summary>
    public static string Percent(double fraction, int decimals = 1)
    {
        var text = Math.Abs(fraction * 100).ToString("F" + decimals.ToString(Invariant), Invariant);
        return (fraction < 0 && text.Any(c => c is >= '1' and <= '9') ? "\u2212" : "") + text + "%";
    }

    /// <summary>A signed relative change (current / previous - 1) as a percentage, or empty when previous is 0.</summary>
    public static string Change(double previous, double current)
    {
        if (previous == 0)
        {
            return "";
        }

        var p = Math.Round((current / previous - 1) * 100, 1, MidpointRounding.AwayFromZero);
        return (p > 0 ? "+" : p < 0 ? "\u2212" : "") + Math.Abs(p).ToString("F1", Invariant) + "%";
    }

    /// <summary>A signed difference of two fractions in percentage points, e.g. +0.42 pp.</summary>
    public static string Points(double difference)
    {
        var p = Math.Round(difference * 100, 2, MidpointRounding.AwayFromZero);
        return (p > 0 ? "+" : p < 0 ? "\u2212" : "") + Math.Abs(p).ToString("F2", Invariant) + " pp";
    }

    /// <summary>A number for data attributes: round-trip invariant form.</summary>
    public static string Raw(double value) => value.ToString("R", Invariant);

    /// <summary>HTML-escaped text (element content and attribute values).</summary>
    public static string H(string text) => WebUtility.HtmlEncode(text);
}
