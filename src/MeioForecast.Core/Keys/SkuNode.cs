namespace MeioForecast.Core.Keys;

/// <summary>
/// One stocking point of one item: a SKU held at a location. The unit of forecasting and of safety-stock placement.
/// </summary>
/// <param name="Sku">The stock-keeping unit id, as given in the input files.</param>
/// <param name="Location">The location id (plant, distribution center, store), as given in the input files.</param>
public readonly record struct SkuNode(string Sku, string Location) : IComparable<SkuNode>
{
    /// <summary>Ordinal order by sku, then location: the order of every output file.</summary>
    public int CompareTo(SkuNode other)
    {
        var c = string.CompareOrdinal(Sku, other.Sku);
        return c != 0 ? c : string.CompareOrdinal(Location, other.Location);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Sku}@{Location}";

    /// <summary>Less-than in <see cref="CompareTo"/> order.</summary>
    public static bool operator <(SkuNode left, SkuNode right) => left.CompareTo(right) < 0;

    /// <summary>Greater-than in <see cref="CompareTo"/> order.</summary>
    public static bool operator >(SkuNode left, SkuNode right) => left.CompareTo(right) > 0;

    /// <summary>Less-than-or-equal in <see cref="CompareTo"/> order.</summary>
    public static bool operator <=(SkuNode left, SkuNode right) => left.CompareTo(right) <= 0;

    /// <summary>Greater-than-or-equal in <see cref="CompareTo"/> order.</summary>
    public static bool operator >=(SkuNode left, SkuNode right) => left.CompareTo(right) >= 0;
}
