using MeioForecast.Core.Keys;
using MeioForecast.Core.Network;

namespace MeioForecast.Pipeline.Placement;

/// <summary>
/// One planned sku-node as every step of a run sees it (placement, calibration, simulation, explanations), derived once
/// per run by <see cref="NetworkPlan.Build"/>: its supply lane (the longest inbound lane by mean lead time, the one that
/// sets the replenishment time), the stage time T_j = processing time + that lane's mean lead time (Graves &amp; Willems
/// 2000), its whole-period rounding and the offset between them, and whether it faces customers only.
/// </summary>
public sealed record StagePlan
{
    /// <summary>Creates the plan of <paramref name="node"/> from its inbound lanes and whether it has outbound lanes.</summary>
    public StagePlan(SkuNodeParameters node, IReadOnlyList<Lane> inbound, IReadOnlyList<Lane> internalInbound, bool customerFacing)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(internalInbound);
        Node = node;
        Supply = inbound.OrderByDescending(l => l.LeadTime.Mean).FirstOrDefault();
        InternalInbound = internalInbound;
        CustomerFacing = customerFacing;
        StageTime = node.ProcessingTime + (Supply?.LeadTime.Mean ?? 0.0);
        WholeStageTime = WholePeriods(StageTime);
    }

    /// <summary>The node's parameters (service target, costs, processing time).</summary>
    public SkuNodeParameters Node { get; }

    /// <summary>The sku-node.</summary>
    public SkuNode Key => Node.Key;

    /// <summary>The longest inbound lane (from a supplier or a node of the network); null when none.</summary>
    public Lane? Supply { get; }

    /// <summary>Inbound lanes from nodes of the sku's network (not external suppliers): the GSM arcs.</summary>
    public IReadOnlyList<Lane> InternalInbound { get; }

    /// <summary>True when the node supplies no other node of the network (it serves customers only).</summary>
    public bool CustomerFacing { get; }

    /// <summary>T_j in real periods: processing time + the supply lane's mean lead time.</summary>
    public double StageTime { get; }

    /// <summary>T_j rounded up to whole periods (the GSM's integer stage time before the floor at 0).</summary>
    public int WholeStageTime { get; }

    /// <summary>The rounding of the stage time, whole - real: a whole-period tau covers tau - offset real periods.</summary>
    public double Offset => WholeStageTime - StageTime;

    /// <summary>Standard deviation of the supply lane's lead time (0 without a lane).</summary>
    public double LeadTimeSd => Supply?.LeadTime.StandardDeviation ?? 0.0;

    /// <summary>The stage-time rounding rule: real periods rounded up to whole ones (a hair of float noise tolerated).</summary>
    public static int WholePeriods(double stageTime) => (int)Math.Ceiling(stageTime - 1e-9);
}
