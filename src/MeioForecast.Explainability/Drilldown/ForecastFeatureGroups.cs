namespace MeioForecast.Explainability.Drilldown;

/// <summary>
/// Maps the feature names of the forecast model (Forecasting/Features/DirectFeatureBuilder: calendar, target history,
/// known-in-advance signals with their <c>_vs_recent</c>, <c>_next_event</c>, <c>_prev_event</c> companions, observed
/// signals with <c>_at_origin</c> and <c>_mean_N</c>, sku and location codes) to the groups a planner reads:
/// <c>price</c>, <c>promotion</c>, <c>holiday/event</c>, <c>weather</c>, <c>seasonality</c>, <c>trend/lags</c>,
/// <c>sku/location</c>, <c>horizon</c>. A signal of another name keeps its own name (without the companion suffix).
/// </summary>
public static class ForecastFeatureGroups
{
    /// <summary>The models' expected value (TreeSHAP's E[f(x)]) times the series scale: what no feature explains.</summary>
    public const string ModelBase = "model base";

    /// <summary>The part of the forecast the GBDT does not produce: SSA, fallback, combination weights, calibration.</summary>
    public const string OtherModels = "other models";

    /// <summary>A demand driver's contribution whose forecast proxy did not move (see DemandDetails).</summary>
    public const string NotAttributed = "not attributed";

    private static readonly string[] SignalSuffixes = ["_vs_recent", "_next_event", "_prev_event", "_at_origin"];

    /// <summary>The group of feature <paramref name="feature"/>.</summary>
    public static string Of(string feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var lower = feature.ToLowerInvariant();
        if (lower.Contains("price", StringComparison.Ordinal))
        {
            return "price";
        }

        if (lower.Contains("promo", StringComparison.Ordinal))
        {
            return "promotion";
        }

        if (lower.Contains("holiday", StringComparison.Ordinal) || lower.Contains("event", StringComparison.Ordinal))
        {
            return "holiday/event";
        }

        if (new[] { "weather", "temp", "rain", "precip", "snow", "humid", "wind" }.Any(w => lower.Contains(w, StringComparison.Ordinal)))
        {
            return "weather";
        }

        if (lower is "day_of_week" or "week_of_year" or "month" or "day_of_month" or "seasonal_lag" or "seasonal_mean" or "yearly_lag"
            || lower.StartsWith("season", StringComparison.Ordinal) || lower.StartsWith("fourier", StringComparison.Ordinal))
        {
            return "seasonality";
        }

        if (lower is "last" or "log_scale" or "since_nonzero" or "trend_ratio"
            || new[] { "mean_", "std_", "ewm_", "zero_share_", "lag", "rolling", "trend" }.Any(p => lower.StartsWith(p, StringComparison.Ordinal)))
        {
            return "trend/lags";
        }

        if (lower is "sku" or "location")
        {
            return "sku/location";
        }

        return lower == "horizon" ? "horizon" : SignalName(lower);
    }

    /// <summary>True for groups of dated events, whose detail names the week where they peak.</summary>
    public static bool IsEvent(string group) => group is "promotion" or "holiday/event";

    private static string SignalName(string feature)
    {
        foreach (var suffix in SignalSuffixes)
        {
            if (feature.EndsWith(suffix, StringComparison.Ordinal))
            {
                return feature[..^suffix.Length];
            }
        }

        var mean = feature.LastIndexOf("_mean_", StringComparison.Ordinal);
        return mean > 0 && feature[(mean + 6)..].All(char.IsAsciiDigit) && feature.Length > mean + 6 ? feature[..mean] : feature;
    }
}
