namespace MeioForecast.Reporting.Rendering;

/// <summary>One sku-node's safety-stock change: baseline, current, each driver's contribution (in <see cref="ChangeSet.Drivers"/> order).</summary>
internal sealed record NodeChange(string Sku, string Location, string Baseline, double Previous, double Current, double[] Contributions, string Sentence)
{
    public double Change => Current - Previous;
}
