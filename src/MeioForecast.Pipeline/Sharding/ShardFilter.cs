using MeioForecast.Core.Planning;

namespace MeioForecast.Pipeline.Sharding;

/// <summary>
/// Restricts a planning input to the skus of one shard. Grouping rule: a shard owns whole sku groups, and today a
/// group is one sku, because each sku's network is independent in the input model (a lane carries one sku, or every
/// sku separately, between locations stocking it; quantity_per_unit applies within a sku), so forecasts and targets of a
/// sku depend only on that sku's rows. If assembly across skus is added (a sku consuming another sku's components),
/// the group becomes the connected component of the graph whose vertices are skus and whose edges join a sku to its
/// components; the group key is then the component's ordinally smallest sku id, so every sku of an assembly lands in
/// one shard. Locations, lanes and signals are kept whole (they are read per sku).
/// </summary>
public static class ShardFilter
{
    /// <summary>The grouping key hashed to pick the shard of <paramref name="sku"/>: the sku id itself (one sku per group).</summary>
    public static string GroupKey(string sku) => sku;

    /// <summary>The input of shard <paramref name="shard"/>: its sku-nodes and demand series, every other table whole.</summary>
    public static PlanningInput Apply(PlanningInput input, ShardSpec shard)
    {
        ArgumentNullException.ThrowIfNull(input);
        shard.Validate();
        return input with
        {
            SkuNodes = input.SkuNodes.Where(n => shard.Owns(n.Key.Sku)).ToArray(),
            Demand = input.Demand.Where(d => shard.Owns(d.Key.Sku)).ToArray(),
        };
    }
}
