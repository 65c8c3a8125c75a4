using MeioForecast.Core.Demand;

namespace MeioForecast.Forecasting.Features;

/// <summary>
/// The sku and location codes of <see cref="DirectFeatureBuilder"/>: a key's code is its index in the ordinal-sorted
/// list; a key absent from the list gets a negative code (an unseen category, which every categorical split sends right).
/// A trained global model keeps its training vocabulary so that any subset of series (a shard, new data) is coded alike.
/// </summary>
/// <param name="Skus">Sku ids, distinct, in ordinal order.</param>
/// <param name="Locations">Location ids, distinct, in ordinal order.</param>
public sealed record FeatureVocabulary(IReadOnlyList<string> Skus, IReadOnlyList<string> Locations)
{
    /// <summary>The vocabulary of <paramref name="series"/>' own keys.</summary>
    public static FeatureVocabulary Of(IReadOnlyList<DemandSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new(
            series.Select(s => s.Key.Sku).Distinct().Order(StringComparer.Ordinal).ToArray(),
            series.Select(s => s.Key.Location).Distinct().Order(StringComparer.Ordinal).ToArray());
    }
}
