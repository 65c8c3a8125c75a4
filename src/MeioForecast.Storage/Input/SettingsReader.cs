using System.Globalization;
using MeioForecast.Core.Keys;
using MeioForecast.Core.Planning;

namespace MeioForecast.Storage.Input;

/// <summary>Reads settings.csv (key,value): period, horizon, quantile_levels, seed, availability_signal, promotion_signal.</summary>
internal static class SettingsReader
{
    public const int DefaultSeed = 42;

    /// <summary>The settings that name a signal of signals.csv, and what it marks.</summary>
    private static readonly Dictionary<string, string> SignalSettings = new(StringComparer.Ordinal)
    {
        ["availability_signal"] = "a signal of signals.csv whose 0 marks a period without a demand observation",
        ["promotion_signal"] = "a known-in-advance signal of signals.csv that is above 0 in promotion periods",
    };

    /// <summary>The settings, or null when they have errors (added to <paramref name="errors"/>).</summary>
    /// <param name="folder">The input folder.</param>
    /// <param name="errors">Where errors are collected.</param>
    /// <param name="signalLines">The line of each setting that names a signal (availability_signal, promotion_signal), for the check against signals.csv.</param>
    public static PlanningSettings? Read(string folder, InputErrors errors, out IReadOnlyDictionary<string, int> signalLines)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        signalLines = lines;
        var table = InputTable.Read(folder, InputFiles.Settings, required: true, ["key", "value"], errors);
        if (table is null)
        {
            return null;
        }

        var file = table.FileName;
        PeriodKind? period = null;
        int? horizon = null;
        QuantileLevel[]? levels = null;
        var seed = DefaultSeed;
        var signals = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Records)
        {
            var key = table.Text(row, "key");
            var value = table.Text(row, "value");
            if (!seen.Add(key))
            {
                errors.Add(file, row.Line, "key", InputRule.DuplicateKey, $"setting '{key}' is given twice");
                continue;
            }

            switch (key)
            {
                case "period":
                    period = value switch { "day" => PeriodKind.Day, "week" => PeriodKind.Week, _ => null };
                    if (period is null)
                    {
                        errors.Add(file, row.Line, "value", InputRule.OutOfRange, $"period '{value}' must be 'day' or 'week'");
                    }

                    break;
                case "horizon":
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h is >= 1 and <= 3660)
                    {
                        horizon = h;
                    }
                    else
                    {
                        errors.Add(file, row.Line, "value", InputRule.OutOfRange, $"horizon '{value}' must be a whole number of periods in 1..3660");
                    }

                    break;
                case "quantile_levels":
                    levels = ParseLevels(value, file, row.Line, errors);
                    break;
                case "seed":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
                    {
                        errors.Add(file, row.Line, "value", InputRule.UnparsableNumber, $"seed '{value}' must be a whole number");
                    }

                    break;
                case "availability_signal" or "promotion_signal":
                    if (value.Length == 0)
                    {
                        errors.Add(file, row.Line, "value", InputRule.EmptyField, $"{key} names {SignalSettings[key]}");
                    }
                    else
                    {
                        signals[key] = value;
                        lines[key] = row.Line;
                    }

                    break;
                default:
                    errors.Add(file, row.Line, "key", InputRule.OutOfRange, $"unknown setting '{key}' (known: period, horizon, quantile_levels, seed, availability_signal, promotion_signal)");
                    break;
            }
        }

        foreach (var required in new[] { "period", "horizon", "quantile_levels" }.Where(k => !seen.Contains(k)))
        {
            errors.Add(file, 0, "key", InputRule.EmptyField, $"setting '{required}' is required");
        }

        return period is { } p && horizon is { } hz && levels is not null ? new PlanningSettings(p, hz, levels, seed, signals.GetValueOrDefault("availability_signal"), signals.GetValueOrDefault("promotion_signal")) : null;
    }

    private static QuantileLevel[]? ParseLevels(string value, string file, int line, InputErrors errors)
    {
        var parts = value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var levels = new List<QuantileLevel>();
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || !(p > 0 && p < 1))
            {
                errors.Add(file, line, "value", InputRule.OutOfRange, $"quantile level '{part}' must be a number strictly between 0 and 1");
                return null;
            }

            if (levels.Count > 0 && p <= levels[^1].Value)
            {
                errors.Add(file, line, "value", InputRule.OutOfRange, "quantile levels must be strictly ascending, separated by ';'");
                return null;
            }

            levels.Add(new QuantileLevel(p));
        }

        if (levels.Count == 0)
        {
            errors.Add(file, line, "value", InputRule.EmptyField, "at least one quantile level is required, e.g. 0.05;0.5;0.95");
            return null;
        }

        return levels.ToArray();
    }
}
