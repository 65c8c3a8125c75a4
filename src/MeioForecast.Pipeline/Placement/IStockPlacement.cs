using MeioForecast.Core.Planning;

namespace MeioForecast.Pipeline.Placement;

/// <summary>Decides where stock sits: turns per-node demand into a target for every planned sku-node.</summary>
public interface IStockPlacement
{
    /// <summary>Method name written with the run, e.g. <c>single-echelon</c>.</summary>
    string Name { get; }

    /// <summary>Targets for every sku-node of <paramref name="input"/>, in sku-node order.</summary>
    IReadOnlyList<TargetRow> Place(PlanningInput input, NodeDemand demand, CancellationToken cancellationToken);
}
