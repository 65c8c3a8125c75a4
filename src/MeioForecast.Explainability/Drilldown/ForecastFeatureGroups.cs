namespace MeioForecast.Explainability.Drilldown;

/// <summary>
/// Maps the forecast model's feature names (Forecasting/Gbt/ForecastFeatures: lags, rolling means, calendar, known and
/// observed signals) to the groups a planner reads: price, promotion, holiday, weather, seasonality, trend/lags, item;
/// any other signal keeps its own name (without the known_/observed_ prefix).
/// </summary>
public static class ForecastFeatureGroups
{
    /// <summary>The group of feature <paramref name="feature"/>.</summary>
    public static string Of(string feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var name = feature.StartsWith("known_", StringComparison.Ordinal) ? feature["known_".Length..]
            : feature.StartsWith("observed_", StringComparison.Ordinal) ? feature["observed_".Length..]
            : feature;
        var lower = name.ToLowerInvariant();
        if (lower.Contains("price", StringComparison.Ordinal))
        {
            return "price";
        }

        if (lower.Contains("promo", StringComparison.Ordinal))
        {
            return "promotion";
        }

        if (lower.Contains("holiday", StringComparison.Ordinal))
        {
            return "holiday";
        }

        if (lower.Contains("weather", StringComparison.Ordinal) || lower.Contains("temp", StringComparison.Ordinal) || lower.Contains("rain", StringComparison.Ordinal))
        {
            return "weather";
        }

        if (lower is "day_of_week" or "week_of_year" or "month")
        {
            return "seasonality";
        }

        if ((lower.StartsWith("lag", StringComparison.Ordinal) || lower.StartsWith("mean", StringComparison.Ordinal)) && lower.Length > 3 && char.IsAsciiDigit(lower[^1]))
        {
            return "trend/lags";
        }

        return lower is "series" or "sku" or "location" ? "item" : name;
    }
}
