namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// How far the run's placement is from proven optimal, over its sku networks: the GSM optimizer's certificate
/// (Graves &amp; Willems 2000; the Lagrangian lower bound of the general-network search) carried by each target row.
/// </summary>
/// <param name="SkuNetworks">Sku networks placed.</param>
/// <param name="Unproven">Sku networks whose solution is not proven optimal (search budget reached before the gap closed).</param>
/// <param name="WorstGap">The largest relative gap (cost - lower bound) / cost over the sku networks; 0 when all are exact.</param>
public sealed record PlacementOptimality(int SkuNetworks, int Unproven, double WorstGap)
{
    /// <summary>The certificate of the placement that produced <paramref name="targets"/>.</summary>
    public static PlacementOptimality Of(IEnumerable<TargetRow> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var bySku = targets.GroupBy(t => t.Sku, StringComparer.Ordinal).Select(g => g.First()).ToList();
        return new PlacementOptimality(bySku.Count, bySku.Count(t => !t.SkuNetworkProven), bySku.Select(t => t.SkuNetworkGap).DefaultIfEmpty(0.0).Max());
    }
}
